#!/usr/bin/env node
/**
 * `npm start`: build the desktop app and open it in Electron. The electron package downloads its binary on first
 * use; where that cannot happen (no internet, blocked host) say so in one sentence and point to the browser
 * version instead of showing the downloader's stack trace. `--verbose` shows what the downloader said.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(path.join(root, 'package.json'))
const verbose = process.argv.includes('--verbose')

const MISSING =
  '未能找到 Electron 可执行文件（本机无法下载）。请改用 `npm run web` 在浏览器中打开。 / ' +
  'The Electron binary is not available here (it could not be downloaded); run `npm run web` to use the app in a browser.'

/** Runs a command, collecting its output instead of showing it; resolves with the exit code and what it printed. */
function capture(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', (e) => resolve({ code: 1, out: out + String(e) }))
    child.on('close', (code) => resolve({ code: code ?? 1, out }))
  })
}

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' })
    child.on('error', () => resolve(1))
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/**
 * The binary's path, or undefined. require('electron') may start a download and print its stack trace when that
 * fails, so ask in a child process whose output is kept; a slow answer means a real download, so say so.
 */
async function findElectron() {
  const notice = setTimeout(() => {
    console.log('正在下载 Electron（仅首次启动需要）… / Downloading Electron (first launch only)…')
  }, 3000)
  const { code, out } = await capture(process.execPath, [
    '-e',
    `process.stdout.write('\\n@@' + require(${JSON.stringify(require.resolve('electron'))}))`,
  ])
  clearTimeout(notice)
  const electronPath = code === 0 ? out.split('\n@@').pop() : undefined
  if (electronPath && fs.existsSync(electronPath)) return electronPath
  if (verbose) console.error(out.trim())
  return undefined
}

const electronPath = await findElectron()
if (!electronPath) {
  console.error(MISSING)
  process.exit(1)
}

const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
const built = await run(process.execPath, [electronVite, 'build'])
if (built !== 0) process.exit(built)

const env = { ...process.env }
delete env.ELECTRON_RUN_AS_NODE
process.exit(await run(electronPath, [root], env))
