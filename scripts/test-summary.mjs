// Prints one closing line for the whole `npm test` run ("N passed, N failed"), from the unit and e2e reports.
import fs from 'node:fs'

const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : null)
const unit = read('test-results/vitest.json')
const e2e = read('test-results/playwright.json')
let passed = 0
let failed = 0
let skipped = 0
if (unit) { passed += unit.numPassedTests; failed += unit.numFailedTests; skipped += unit.numPendingTests + (unit.numTodoTests ?? 0) }
if (e2e) { passed += e2e.stats.expected; failed += e2e.stats.unexpected + (e2e.stats.flaky ?? 0); skipped += e2e.stats.skipped }
if (!unit || !e2e) { console.error('test summary: a report is missing (unit or e2e did not run)'); failed += 1 }
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed ? 1 : 0)
