import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Deps } from '../deps'
import { reloadCalendarIfChanged } from './calendar-admin'
import { settleScheduled } from './items-store'
import { processDueCases, type DueRunResult } from './scheduler-cases'
import { issueDueCaseCards } from './supervision-bulk'
import { runTimeRules } from './supervision-evaluate'

/**
 * The warning scheduler, safe with several server processes on one PostgreSQL.
 *
 * Lease (perf-rel.md §B1, like Camunda's job lock owner + expiry): one row per job name in
 * scheduler_leases. A process takes it with ONE conditional UPDATE — `WHERE name = ? AND (owner = me
 * OR expires_at <= now)` — and holds it until expires_at = now + ttl, renewing on every tick.
 * Concurrent UPDATEs of one row serialise on its row lock and the loser re-reads the WHERE against
 * the winner's row, so exactly one wins; if the holder dies, another takes over after the TTL.
 * The lease is an optimisation, not the guarantee: a holder that stalled past its TTL may overlap a
 * successor, so each case is still written under its optimistic version and every warning under a
 * unique key (scheduler-cases.ts) — at-least-once visits, exactly-once warnings.
 *
 * Exact instants: a case is due at cases.next_check_at (the engine's nextChangeAt), and the loop
 * sleeps until the earliest due instant (at most intervalMs), not until a daily cron.
 */

export const LEASE_NAME = 'warnings'

/** This process's owner id for the lease. */
export const processOwner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

export async function acquireLease(deps: Deps, owner: string, ttlMs: number, name = LEASE_NAME): Promise<boolean> {
  const now = deps.now()
  const k = deps.db.knex
  await k('scheduler_leases').insert({ name, owner: '', expires_at: 0 }).onConflict('name').ignore()
  const n = await k('scheduler_leases')
    .where({ name })
    .andWhere((w) => w.where({ owner }).orWhere('expires_at', '<=', now))
    .update({ owner, expires_at: now + ttlMs })
  return n === 1
}

/** Gives the lease up (on shutdown) so another process need not wait for the TTL. */
export async function releaseLease(deps: Deps, owner: string, name = LEASE_NAME): Promise<void> {
  await deps.db.knex('scheduler_leases').where({ name, owner }).update({ expires_at: 0 })
}

export interface SchedulerRun extends DueRunResult {
  leader: boolean
  calendarReloaded: boolean
  /** Cards the time rules on consultations, complaints, rating follow-ups and 督办 orders wrote. */
  cards: number
}

export interface SchedulerOptions {
  /** Longest sleep between ticks; also how often the lease is renewed. Default 5 s. */
  intervalMs?: number
  /** Lease time-to-live; default max(30 s, 3 × intervalMs). */
  ttlMs?: number
  /** Cases per tick; a full batch makes the next tick come at once. Default 500. */
  batch?: number
}

const ttlOf = (o: SchedulerOptions) => o.ttlMs ?? Math.max(30_000, 3 * (o.intervalMs ?? 5_000))

/**
 * One tick: pick up a calendar another process changed, take or renew the lease, and if this
 * process holds it, visit every due case.
 */
export async function runSchedulerOnce(deps: Deps, owner: string = processOwner, opts: SchedulerOptions = {}): Promise<SchedulerRun> {
  const calendarReloaded = await reloadCalendarIfChanged(deps)
  const leader = await acquireLease(deps, owner, ttlOf(opts))
  if (!leader) return { leader, calendarReloaded, checked: 0, raised: 0, conflicts: 0, failed: 0, cards: 0 }
  // versions approved for a later date come into force on their day (the hall resolves it anyway)
  await settleScheduled(deps)
  let cards = 0
  try {
    cards += (await issueDueCaseCards(deps)).cards // many cases crossing a level at once: one set-based pass
  } catch (e) {
    deps.logger.error({ err: e }, 'scheduler: bulk card issue failed; the per-case visits still issue them')
  }
  const due = await processDueCases(deps, { batch: opts.batch })
  try {
    cards += await runTimeRules(deps)
  } catch (e) {
    deps.logger.error({ err: e }, 'scheduler: supervision time rules failed; retrying next tick')
  }
  return { leader, calendarReloaded, ...due, cards }
}

/** Lease holder, due cases and the earliest due instant, for operators. */
export async function schedulerStatus(deps: Deps) {
  const now = deps.now()
  const k = deps.db.knex
  const lease = (await k('scheduler_leases').where({ name: LEASE_NAME }).first()) as { owner: string; expires_at: number | string } | undefined
  const open = () => k('cases').whereNot({ status: 'concluded' }).whereNotNull('next_check_at')
  const due = (await open().clone().where('next_check_at', '<=', now).count({ n: '*' }).first()) as { n: number | string }
  const next = (await open().clone().min({ at: 'next_check_at' }).first()) as { at: number | string | null }
  const day = (await k('warnings').where('raised_at', '>', now - 86_400_000).count({ n: '*' }).first()) as { n: number | string }
  const held = !!lease && Number(lease.expires_at) > now && lease.owner !== ''
  return {
    now,
    lease: { name: LEASE_NAME, owner: held ? lease?.owner : null, expiresAt: held ? Number(lease?.expires_at) : null, thisProcess: processOwner },
    dueCases: Number(due.n),
    nextDueAt: next?.at === null || next?.at === undefined ? null : Number(next.at),
    warningsLast24h: Number(day.n),
  }
}

export interface RunningScheduler {
  /** Stops the loop, waits for a tick in progress and releases the lease. */
  stop(): Promise<void>
}

/**
 * The loop main.ts starts after listen: a tick, then sleep until the earliest due case (at most
 * intervalMs), so warnings appear at the engine's instants. Timers are unref'd; ticks never overlap.
 */
export function startScheduler(deps: Deps, opts: SchedulerOptions = {}): RunningScheduler {
  const interval = opts.intervalMs ?? 5_000
  const owner = processOwner
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let stopped = false
  const schedule = (ms: number) => {
    if (stopped) return
    timer = setTimeout(() => void tick(), Math.max(0, Math.min(ms, interval)))
    timer.unref()
  }
  const tick = async () => {
    let delay = interval
    running = (async () => {
      try {
        const r = await runSchedulerOnce(deps, owner, opts)
        if (r.raised || r.failed) deps.logger.info({ ...r }, 'scheduler tick')
        if (r.leader) {
          const s = await schedulerStatus(deps)
          // A full batch: more are waiting, go on at once; otherwise sleep until the next due instant
          // (at least 50 ms, so a case that keeps conflicting cannot spin the loop).
          if (r.checked >= (opts.batch ?? 500)) delay = 0
          else if (s.nextDueAt !== null) delay = Math.max(50, s.nextDueAt - deps.now())
        }
      } catch (e) {
        deps.logger.error({ err: e }, 'scheduler tick failed')
      }
    })()
    await running
    running = undefined
    schedule(delay)
  }
  schedule(0)
  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      if (running) await running
      await releaseLease(deps, owner).catch(() => undefined)
    },
  }
}
