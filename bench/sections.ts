/** BENCHMARKS.md keeps each benchmark's table between markers (<!-- name:start --> … <!-- name:end -->, the
 * convention bench/run.ts keeps), so one benchmark rewrites only its own part. */
export function withSection(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const block = `${start}\n${body}\n${end}`
  const a = doc.indexOf(start)
  const b = doc.indexOf(end)
  if (a >= 0 && b > a) return doc.slice(0, a) + block + doc.slice(b + end.length)
  return `${doc.trimEnd()}\n\n${block}\n`
}
