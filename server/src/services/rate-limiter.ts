/**
 * Fixed-window counters in memory, per key (e.g. "login:ip"). Enough for one process; several
 * processes each keep their own window, so the effective limit multiplies by the process count.
 */
export interface RateLimiter {
  /** Counts a hit; returns false when the key is over its limit in the current window. */
  hit(key: string, limit: number, windowMs: number, now: number): boolean
  /** Whether the key is already over its limit, without counting. */
  blocked(key: string, limit: number, windowMs: number, now: number): boolean
}

export function createRateLimiter(): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    hit(key, limit, windowMs, now) {
      const w = windows.get(key)
      if (!w || now - w.start >= windowMs) {
        if (windows.size > 100_000) windows.clear()
        windows.set(key, { start: now, count: 1 })
        return true
      }
      w.count += 1
      return w.count <= limit
    },
    blocked(key, limit, windowMs, now) {
      const w = windows.get(key)
      return !!w && now - w.start < windowMs && w.count >= limit
    },
  }
}
