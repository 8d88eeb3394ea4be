/**
 * The layout's promises (docs/architecture.md): no import cycle anywhere in core/, server/, electron/, renderer/;
 * the sync engine (core/sync) never imports a capability; core/api imports capabilities only to gather them.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCycles, importGraph, sourceFiles } from '../../helpers/import-graph'

const ROOT = path.resolve(__dirname, '../../..')
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join('/')
const graph = importGraph(sourceFiles(ROOT, ['core', 'server', 'electron', 'renderer', 'db']))
// every folder of core/ is a capability but the shared layers below them (and the reader pool, the hub's plumbing)
const SHARED = new Set(['api', 'sync', 'common', 'readers'])
const CAPABILITIES = fs.readdirSync(path.join(ROOT, 'core'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !SHARED.has(e.name) && fs.readdirSync(path.join(ROOT, 'core', e.name)).some((f) => f.endsWith('.ts')))
  .map((e) => e.name)

describe('the import graph', () => {
  it('reads the project (sanity: the engine and a capability are in it, with their arrows)', () => {
    const exchange = [...graph.keys()].find((f) => rel(f) === 'core/sync/exchange.ts')!
    expect(exchange).toBeTruthy()
    expect(graph.get(exchange)!.map(rel)).toContain('core/sync/registry.ts')
    expect(graph.size).toBeGreaterThan(200)
    expect(CAPABILITIES).toEqual(expect.arrayContaining(['stock', 'network', 'catalogue', 'agreements', 'dispatch', 'people', 'system', 'readiness', 'reports', 'firstrun']))
  })

  it('has no import cycle in core/, server/, electron/, renderer/', () => {
    expect(importCycles(graph).map((c) => c.map(rel))).toEqual([])
  })

  it('finds a cycle added by hand (the check itself works)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycle-'))
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b'\nexport const a = () => b\n")
      fs.writeFileSync(path.join(dir, 'b.ts'), "import type { C } from './c'\nexport const b = 1 as unknown as C\n")
      fs.writeFileSync(path.join(dir, 'c.ts'), "export * from './a'\nexport type C = number\n")
      fs.writeFileSync(path.join(dir, 'd.ts'), "import './a'\n")
      const cycles = importCycles(importGraph(sourceFiles(dir, ['.'])))
      expect(cycles.map((c) => c.map((f) => path.basename(f)))).toEqual([['a.ts', 'b.ts', 'c.ts']])
    } finally { fs.rmSync(dir, { recursive: true, force: true }) }
  })

  it('the sync engine never imports a capability (capabilities register into it)', () => {
    const up = [...graph].filter(([f]) => rel(f).startsWith('core/sync/'))
      .flatMap(([f, deps]) => deps.map(rel).filter((d) => CAPABILITIES.some((c) => d.startsWith(`core/${c}/`))).map((d) => `${rel(f)} → ${d}`))
    expect(up).toEqual([])
  })

  it('core/common, the kernel every capability uses, imports no capability and no api', () => {
    const up = [...graph].filter(([f]) => rel(f).startsWith('core/common/'))
      .flatMap(([f, deps]) => deps.map(rel).filter((d) => d.startsWith('core/api/') || CAPABILITIES.some((c) => d.startsWith(`core/${c}/`))).map((d) => `${rel(f)} → ${d}`))
    expect(up).toEqual([])
  })

  it('the renderer reaches core only through the contract and pure modules (no database code)', () => {
    const dbFiles = [...graph].filter(([f, deps]) => rel(f).startsWith('renderer/') && deps.some((d) => rel(d).startsWith('db/')))
    expect(dbFiles.map(([f]) => rel(f))).toEqual([])
  })
})
