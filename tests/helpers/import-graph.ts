/**
 * The import graph of the project's own TypeScript, read from the source text: every `import … from './x'`,
 * `export … from './x'`, side-effect `import './x'` and `import('./x')` with a relative specifier, resolved to a
 * file. Type-only imports count too (a cycle of types is still two files that cannot be understood apart).
 */
import fs from 'node:fs'
import path from 'node:path'

const SOURCE = /\.(ts|tsx|mts|cts)$/
const SPEC = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g

export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p)
    }
  }
  for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d))
  return out
}

function resolveImport(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec)
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (SOURCE.test(c) && fs.existsSync(c) && fs.statSync(c).isFile()) return c
  }
  return null
}

/** file → the files it imports (within the given files) */
export function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    const deps = new Set<string>()
    for (const m of text.matchAll(SPEC)) {
      const r = resolveImport(f, m[1] ?? m[2])
      if (r && known.has(r)) deps.add(r)
    }
    graph.set(f, [...deps])
  }
  return graph
}

/** Every strongly connected group of two or more files (or a file importing itself): each is an import cycle. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let index = 0
  const idx = new Map<string, number>(), low = new Map<string, number>(), on = new Set<string>(), stack: string[] = []
  const cycles: string[][] = []
  const strong = (v: string) => {
    idx.set(v, index); low.set(v, index); index++
    stack.push(v); on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)) }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = []
      let w: string
      do { w = stack.pop()!; on.delete(w); group.push(w) } while (w !== v)
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(group.sort())
    }
  }
  for (const v of graph.keys()) if (!idx.has(v)) strong(v)
  return cycles
}
