import type { Calendar } from '@sunlight/calendar'
import type { Db } from './db/knex'
import type { Logger } from './logger'
import type { RateLimiter } from './services/rate-limiter'

export interface ServerConfig {
  /** Send cookies with Secure (behind HTTPS). */
  secureCookies: boolean
  /** A session ends after this long without a request… */
  sessionIdleMs: number
  /** …and after this long in any case. */
  sessionAbsoluteMs: number
  bcryptCost: number
  /** Consecutive failed logins before the account is locked, and for how long. */
  lockAfter: number
  lockMs: number
  /** Where uploaded files are stored (outside any web root). */
  uploadDir: string
  /** Largest accepted upload, bytes. */
  maxUploadBytes: number
}

export const defaultConfig: ServerConfig = {
  secureCookies: false,
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 8 * 3600_000,
  bcryptCost: 10,
  lockAfter: 5,
  lockMs: 15 * 60_000,
  uploadDir: 'data/uploads',
  maxUploadBytes: 20 * 1024 * 1024,
}

/** Everything the app needs from outside; tests pass their own. */
export interface Deps {
  db: Db
  calendar: Calendar
  logger: Logger
  /** The clock. Services never call Date.now() themselves. */
  now: () => number
  config: ServerConfig
  limiter: RateLimiter
  /** Only with SUNLIGHT_CLOCK_CONTROL=1 (browser tests): `now` then runs at an offset that POST /api/dev/clock sets. */
  clockControl?: ClockControl
}

export interface ClockControl {
  /** Sets the clock to `t`; it runs on from there. */
  set(t: number): void
  offset(): number
}

/** A clock at an adjustable offset from `real` (for SUNLIGHT_CLOCK_CONTROL=1). */
export function controlledClock(real: () => number = Date.now): { now: () => number; control: ClockControl } {
  let offset = 0
  return {
    now: () => real() + offset,
    control: {
      set: (t) => {
        offset = t - real()
      },
      offset: () => offset,
    },
  }
}
