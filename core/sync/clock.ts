/**
 * Hybrid logical clock: wall-clock milliseconds plus a counter, so that events order by cause even when the PCs'
 * clocks disagree. Encoded as a fixed-width string that sorts lexicographically:
 * `<ms, 15 digits>-<counter, 5 digits>-<replicaId>`.
 * A remote clock far ahead of ours is clamped (never a reason to refuse events) and reported as skewed.
 */
export const MAX_SKEW_MS = 24 * 3600 * 1000

export interface Hlc { ms: number; counter: number; replicaId: string }

export function encodeHlc(h: Hlc): string {
  return `${String(h.ms).padStart(15, '0')}-${String(h.counter).padStart(5, '0')}-${h.replicaId}`
}

export function decodeHlc(s: string): Hlc {
  const [ms, counter, ...rest] = s.split('-')
  return { ms: Number(ms), counter: Number(counter), replicaId: rest.join('-') }
}

export class HybridClock {
  private last: Hlc
  constructor(readonly replicaId: string, private readonly wall: () => number = Date.now, lastSeen?: string) {
    this.last = lastSeen ? { ...decodeHlc(lastSeen), replicaId } : { ms: 0, counter: 0, replicaId }
  }

  /** A timestamp for a local event. */
  now(): string {
    const wall = this.wall()
    if (wall > this.last.ms) this.last = { ms: wall, counter: 0, replicaId: this.replicaId }
    else this.last = { ms: this.last.ms, counter: this.last.counter + 1, replicaId: this.replicaId }
    return encodeHlc(this.last)
  }

  /** Takes in a remote timestamp; returns whether it was skewed beyond MAX_SKEW_MS and clamped. */
  receive(remote: string): { skewed: boolean } {
    const r = decodeHlc(remote)
    const wall = this.wall()
    const skewed = r.ms > wall + MAX_SKEW_MS
    const rms = skewed ? wall + MAX_SKEW_MS : r.ms
    const ms = Math.max(wall, rms, this.last.ms)
    let counter = 0
    if (ms === this.last.ms && ms === rms) counter = Math.max(this.last.counter, r.counter) + 1
    else if (ms === this.last.ms) counter = this.last.counter + 1
    else if (ms === rms) counter = r.counter + 1
    this.last = { ms, counter, replicaId: this.replicaId }
    return { skewed }
  }
}
