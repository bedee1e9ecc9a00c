import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createCalendar, officialSchedule, type Calendar } from '@sunlight/calendar'
import { parseDefinition, type PowerItemDefinition } from '@sunlight/definition'
import { useSha256 } from '@sunlight/engine'
import knex from 'knex'
import { sha256 } from './auth/tokens'
import { createDb, type Db, type DbConfig } from './db/knex'
import { migrateLatest } from './db/migrations'
import { defaultConfig, type Deps, type ServerConfig } from './deps'
import type { Logger } from './logger'
import { createRateLimiter } from './services/rate-limiter'
import { isEmpty, seedAdmin, seedDemo } from './seed'

/** Reads and validates the template definitions of a folder; invalid ones are reported and skipped. */
export async function loadTemplates(dir: string, logger: Logger): Promise<PowerItemDefinition[]> {
  const out: PowerItemDefinition[] = []
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    const { definition, diagnostics } = parseDefinition(JSON.parse(await readFile(join(dir, file), 'utf8')))
    if (definition) out.push(definition)
    else logger.warn({ file, errors: diagnostics.filter((d) => d.severity === 'error').length }, 'template skipped: invalid')
  }
  return out
}

export interface BootOptions {
  db: DbConfig
  logger: Logger
  now?: () => number
  /** With SUNLIGHT_CLOCK_CONTROL=1: the handle POST /api/dev/clock moves `now` with. */
  clockControl?: import('./deps').ClockControl
  config?: Partial<ServerConfig>
  calendar?: Calendar
  /** First start: seed the demo organisation, accounts and templates (demo mode)… */
  demo?: { templatesDir: string }
  /** …or one administrator who must change the password. */
  admin?: { username: string; password: string }
}

/** Opens the database, migrates it, seeds it on first start, and returns the app's dependencies. */
export async function boot(o: BootOptions): Promise<Deps> {
  // The engine hashes every event; node:crypto's SHA-256 gives the same digests as its built-in one, faster.
  useSha256(sha256)
  const db = createDb(o.db)
  return startupLock(o.db, async () => {
    await migrateLatest(db.knex)
    return depsAndSeed(db, o)
  })
}

/**
 * Several server processes may start at the same moment on a new PostgreSQL database (scale-out):
 * migrations and the first-start seed run under one advisory lock per schema, so one process
 * migrates and seeds and the others find it done. SQLite has a single process: nothing to lock.
 */
async function startupLock<T>(c: DbConfig, work: () => Promise<T>): Promise<T> {
  if (!c.databaseUrl?.startsWith('postgres')) return work()
  // Session-level lock: a one-connection pool keeps lock and unlock on the same session.
  const lock = knex({ client: 'pg', connection: c.databaseUrl, pool: { min: 1, max: 1 } })
  let key = 0
  for (const ch of `sunlight:${c.schema ?? 'public'}`) key = (Math.imul(key, 31) + ch.charCodeAt(0)) | 0
  try {
    await lock.raw('select pg_advisory_lock(?)', [key])
    return await work()
  } finally {
    await lock.raw('select pg_advisory_unlock(?)', [key]).catch(() => undefined)
    await lock.destroy()
  }
}

async function depsAndSeed(db: Db, o: BootOptions): Promise<Deps> {
  const deps: Deps = {
    db,
    calendar: o.calendar ?? createCalendar(officialSchedule),
    logger: o.logger,
    now: o.now ?? Date.now,
    config: { ...defaultConfig, ...o.config },
    limiter: createRateLimiter(),
    ...(o.clockControl ? { clockControl: o.clockControl } : {}),
  }
  if (await isEmpty(deps)) {
    if (o.demo) await seedDemo(deps, await loadTemplates(o.demo.templatesDir, o.logger))
    else if (o.admin) await seedAdmin(deps, o.admin.username, o.admin.password)
  }
  return deps
}
