/**
 * `npm start` where the Electron binary cannot be had: one sentence in Chinese and English, exit code 1, and none
 * of the downloader's stack trace. Run for real as a child process.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const script = path.join(repoRoot, 'scripts', 'start.mjs')

/** Whether this machine has the binary (then the plain run would really launch the app, so it is skipped). */
function electronBinaryPresent(): boolean {
  const dir = path.join(repoRoot, 'node_modules', 'electron')
  try {
    return fs.existsSync(path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8')))
  } catch {
    return false
  }
}

const SENTENCE =
  '未能找到 Electron 可执行文件（本机无法下载）。请改用 `npm run web` 在浏览器中打开。 / ' +
  'The Electron binary is not available here (it could not be downloaded); run `npm run web` to use the app in a browser.'

function start(env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [script], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, output: `${r.stdout}${r.stderr}` }
}

function expectOneSentence({ code, output }: { code: number | null; output: string }) {
  expect(code).toBe(1)
  expect(output.trim()).toBe(SENTENCE)
  expect(output).not.toMatch(/^\s+at /m)
  expect(output).not.toMatch(/Error|fetch failed|Downloading/)
}

describe('npm start without an Electron binary', () => {
  it.skipIf(electronBinaryPresent())('prints one sentence and exits 1 when the download fails (this machine)', () => {
    expectOneSentence(start())
  })

  it('prints the same when electron resolves to a path that does not exist', () => {
    expectOneSentence(start({ ELECTRON_OVERRIDE_DIST_PATH: path.join(repoRoot, 'no-such-electron-dist') }))
  })
})
