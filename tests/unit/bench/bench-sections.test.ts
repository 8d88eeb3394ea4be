/** bench/city.ts writes its own section of BENCHMARKS.md and must leave every other section as it was. */
import { describe, it, expect } from 'vitest'
import { withCitySection } from '../../../bench/city'
import { withResyncSection } from '../../../bench/resync'

const city = (n: number) => `<!-- city:start -->\n## Whole city: coverage and compliance\n\nrun ${n}\n<!-- city:end -->\n`
const sync = '<!-- sync:start -->\n## Sync\n\nsync table\n<!-- sync:end -->\n'

describe('BENCHMARKS.md sections', () => {
  it('replaces the marked city section and keeps what follows it', () => {
    const md = `# Benchmarks\n\nledger table\n\n${city(1)}\n${sync}`
    const out = withCitySection(md, city(2))
    expect(out).toContain('run 2')
    expect(out).not.toContain('run 1')
    expect(out).toContain('sync table')
    expect(out).toContain('ledger table')
  })

  it('replaces the first, unmarked layout up to the next section instead of cutting the file there', () => {
    const md = `# Benchmarks\n\nledger table\n\n## Whole city: coverage and compliance\n\nold figures\n\n${sync}`
    const out = withCitySection(md, city(3))
    expect(out).toContain('run 3')
    expect(out).not.toContain('old figures')
    expect(out).toContain('sync table')
  })

  it('appends the section when there is none', () => {
    expect(withCitySection('# Benchmarks\n', city(4))).toBe(`# Benchmarks\n\n${city(4)}`)
  })

  it('bench/resync.ts replaces its own marked section, or appends it, and leaves the others as they were', () => {
    const resync = (n: number) => `<!-- resync:start -->\n## Ordinary folder sync with nothing new\n\nrun ${n}\n<!-- resync:end -->\n`
    const md = `# Benchmarks\n\nledger table\n\n${city(1)}\n${resync(1)}\n${sync}`
    const out = withResyncSection(md, resync(2))
    expect(out).toBe(md.replace('run 1\n<!-- resync', 'run 2\n<!-- resync'))
    expect(withResyncSection(`# Benchmarks\n\n${city(1)}`, resync(3))).toBe(`# Benchmarks\n\n${city(1)}\n${resync(3)}`)
  })
})
