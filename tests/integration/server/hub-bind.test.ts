/**
 * The hub binds to 127.0.0.1 unless told otherwise: `npm run web` without --host reports 127.0.0.1 as its
 * listening address, answers there, and refuses connections on the machine's other (non-loopback) addresses.
 */
import { describe, it, expect } from 'vitest'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_HOST } from '../../../server/hub'

const ROOT = path.join(__dirname, '..', '..', '..')
const MAIN = path.join(ROOT, 'server', 'main.ts')

/** Whether a TCP connection to host:port is accepted. */
const reachable = (host: string, port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect({ host, port })
  socket.setTimeout(3000)
  socket.once('connect', () => { socket.destroy(); resolve(true) })
  socket.once('error', () => resolve(false))
  socket.once('timeout', () => { socket.destroy(); resolve(false) })
})

const otherAddresses = () => Object.values(os.networkInterfaces()).flat()
  .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal).map((a) => a.address)

describe('npm run web without --host', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(DEFAULT_HOST).toBe('127.0.0.1')
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reserve-bind-'))
    const ui = path.join(tmp, 'ui')
    fs.mkdirSync(ui)
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><div id="root"></div>') // newer than the sources: no build
    const port = 5217 + 40
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--data', path.join(tmp, 'data'), '--port', String(port)], {
      cwd: ROOT, env: { ...process.env, RESERVE_UI_DIR: ui }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (b: Buffer) => { output += b.toString() })
    child.stderr.on('data', (b: Buffer) => { output += b.toString() })
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => { if (output.includes('listening on')) { clearInterval(timer); resolve() } }, 100)
        child.on('exit', (code) => { clearInterval(timer); reject(new Error(`exited ${code}: ${output}`)) })
      })
      expect(output).toContain(`listening on 127.0.0.1:${port}`)
      expect(await reachable('127.0.0.1', port)).toBe(true)
      for (const address of otherAddresses()) expect(await reachable(address, port), address).toBe(false)
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }, 120_000)
})
