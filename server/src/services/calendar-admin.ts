import {
  createCalendar,
  defaultOfficeHours,
  mergeTables,
  officialSchedule,
  validateTable,
  type Calendar,
  type CalendarTable,
  type HolidayEntry,
  type OfficeHours,
  type TableIssue,
} from '@sunlight/calendar'
import type { Knex } from 'knex'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'

/**
 * The server's working-day calendar = the official schedule shipped in code, extended by what an
 * administrator entered (each December, the State Council's notice for the next year).
 *
 * Storage: `calendar_entries` holds every entry of the administrator's range, the settings row
 * `calendar_extension` that range ({ coveredFrom, coveredTo }, authoritative over the official
 * table inside it), `calendar_office_hours` the office hours, and `calendar_version` a counter
 * bumped by every change.
 *
 * Swapping: `Deps.calendar` is a plain property every service reads at call time, so
 * `reloadCalendar(deps)` simply assigns a new Calendar. The process that took the change reloads
 * at once; in a multi-process deployment every other process notices the new `calendar_version`
 * on its next scheduler tick (runSchedulerOnce → reloadCalendarIfChanged), a few seconds later.
 */

const KEY_VERSION = 'calendar_version'
const KEY_EXTENSION = 'calendar_extension'
const KEY_OFFICE = 'calendar_office_hours'

export interface OfficeSettings {
  officeHours: OfficeHours
  receiptAfterHours: 'sameDay' | 'nextWorkday'
}

interface Stored {
  version: number
  extension?: CalendarTable
  office: OfficeSettings
}

/** Which calendar version each Deps (each process) has loaded; absent = the boot-time official one (version 0). */
const loaded = new WeakMap<Deps, number>()

async function setting<T>(k: Knex | Knex.Transaction, key: string): Promise<T | undefined> {
  const row = (await k('settings').where({ key }).first()) as { value: string } | undefined
  return row ? (JSON.parse(row.value) as T) : undefined
}

async function putSetting(k: Knex.Transaction, key: string, value: unknown): Promise<void> {
  await k('settings').insert({ key, value: JSON.stringify(value) }).onConflict('key').merge({ value: JSON.stringify(value) })
}

async function readStored(k: Knex | Knex.Transaction): Promise<Stored> {
  const version = (await setting<number>(k, KEY_VERSION)) ?? 0
  const range = await setting<{ coveredFrom: string; coveredTo: string }>(k, KEY_EXTENSION)
  const office = (await setting<OfficeSettings>(k, KEY_OFFICE)) ?? { officeHours: defaultOfficeHours, receiptAfterHours: 'nextWorkday' }
  if (!range) return { version, office }
  const rows = (await k('calendar_entries').where('date', '>=', range.coveredFrom).andWhere('date', '<=', range.coveredTo).orderBy('date')) as HolidayEntry[]
  const entries = rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, source: r.source ?? '' }))
  return { version, office, extension: { ...range, entries } }
}

/** The official schedule merged with the administrator's extension. */
function fullTable(extension: CalendarTable | undefined): CalendarTable {
  if (!extension) return officialSchedule
  const merged = mergeTables(officialSchedule, extension)
  if (!merged.ok) throw new Error(`stored calendar extension no longer merges: ${merged.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`)
  return merged.table
}

const build = (s: Stored): Calendar => createCalendar(fullTable(s.extension), { officeHours: s.office.officeHours, receiptAfterHours: s.office.receiptAfterHours })

/** A Calendar from the official schedule plus the stored entries and office hours. */
export async function loadCalendar(deps: Deps): Promise<Calendar> {
  return build(await readStored(deps.db.knex))
}

/** Rebuilds this process's calendar from the database and swaps it into deps. */
export async function reloadCalendar(deps: Deps): Promise<void> {
  const stored = await readStored(deps.db.knex)
  deps.calendar = build(stored)
  loaded.set(deps, stored.version)
}

/** Reloads if another process changed the calendar since this one loaded it; true if it did. */
export async function reloadCalendarIfChanged(deps: Deps): Promise<boolean> {
  const version = (await setting<number>(deps.db.knex, KEY_VERSION)) ?? 0
  if (version === (loaded.get(deps) ?? 0)) return false
  await reloadCalendar(deps)
  return true
}

/** GET /api/calendar: coverage, entries (optionally of one year), who stated them, office hours. */
export async function calendarOverview(deps: Deps, year?: number) {
  const stored = await readStored(deps.db.knex)
  const table = fullTable(stored.extension)
  const ext = stored.extension
  const inExt = (d: string) => !!ext && d >= ext.coveredFrom && d <= ext.coveredTo
  return {
    version: stored.version,
    coveredFrom: table.coveredFrom,
    coveredTo: table.coveredTo,
    official: { coveredFrom: officialSchedule.coveredFrom, coveredTo: officialSchedule.coveredTo },
    administrator: ext ? { coveredFrom: ext.coveredFrom, coveredTo: ext.coveredTo, entries: ext.entries.length } : null,
    entries: table.entries
      .filter((e) => year === undefined || e.date.startsWith(`${year}-`))
      .map((e) => ({ ...e, origin: inExt(e.date) ? 'administrator' : 'official' })),
    officeHours: stored.office.officeHours,
    receiptAfterHours: stored.office.receiptAfterHours,
  }
}

const counts = (t: CalendarTable) => ({ coveredFrom: t.coveredFrom, coveredTo: t.coveredTo, entries: t.entries.length })
const rebase = (issues: readonly TableIssue[]) => issues.map((i) => ({ path: i.path.replace(/^\/(extension|base)/, '/body'), message: i.message }))

function invalid(issues: { path: string; message: string }[]): AppError {
  return new AppError('VALIDATION_FAILED', `invalid calendar: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues })
}

/** Bumps calendar_version from the value read, or 409 if another administrator got there first. */
async function bumpVersion(trx: Knex.Transaction, from: number): Promise<number> {
  await trx('settings').insert({ key: KEY_VERSION, value: '0' }).onConflict('key').ignore()
  const n = await trx('settings').where({ key: KEY_VERSION, value: JSON.stringify(from) }).update({ value: JSON.stringify(from + 1) })
  if (n !== 1) throw new AppError('CONFLICT', 'the calendar was changed at the same time by someone else; reload and try again')
  return from + 1
}

/** Every open case is looked at again by the scheduler: its deadlines may have moved. */
async function recheckOpenCases(trx: Knex.Transaction, now: number): Promise<void> {
  await trx('cases').whereNot({ status: 'concluded' }).update({ next_check_at: now })
}

/**
 * PUT /api/calendar/entries: merges an extension (e.g. next year's notice) into the calendar.
 * Validated entry by entry (400 naming /body/entries/N/field) and against the current table (no
 * gap in coverage); stored, audited with before/after counts, and swapped into this process.
 */
export async function putCalendarEntries(deps: Deps, user: User, body: CalendarTable, ip: string | undefined) {
  const issues = validateTable(body, '/body')
  const before = await readStored(deps.db.knex)
  const current = fullTable(before.extension)
  const merged = issues.length ? undefined : mergeTables(current, body)
  const errors = issues.length ? issues : merged && !merged.ok ? rebase(merged.errors) : []
  if (errors.length || !merged?.ok) {
    await audit(deps, { actorId: user.id, action: 'calendar.entries', target: `${String(body.coveredFrom)}…${String(body.coveredTo)}`, ip, success: false, details: { issues: errors.slice(0, 20) } })
    throw invalid(errors)
  }
  const from = before.extension && before.extension.coveredFrom < body.coveredFrom ? before.extension.coveredFrom : body.coveredFrom
  const to = before.extension && before.extension.coveredTo > body.coveredTo ? before.extension.coveredTo : body.coveredTo
  const extension: CalendarTable = { coveredFrom: from, coveredTo: to, entries: merged.table.entries.filter((e) => e.date >= from && e.date <= to) }
  const now = deps.now()
  const version = await deps.db.write(async (trx) => {
    const v = await bumpVersion(trx, before.version)
    await trx('calendar_entries').delete()
    for (let i = 0; i < extension.entries.length; i += 200)
      await trx('calendar_entries').insert(extension.entries.slice(i, i + 200).map((e) => ({ date: e.date, kind: e.kind, name: e.name, source: e.source })))
    await putSetting(trx, KEY_EXTENSION, { coveredFrom: from, coveredTo: to })
    await recheckOpenCases(trx, now)
    return v
  })
  await audit(deps, {
    actorId: user.id,
    action: 'calendar.entries',
    target: `${body.coveredFrom}…${body.coveredTo}`,
    ip,
    success: true,
    details: { version, submitted: counts(body), before: counts(current), after: counts(merged.table) },
  })
  await reloadCalendar(deps)
  return calendarOverview(deps)
}

/** PUT /api/calendar/office-hours: ascending, non-overlapping 'HH:mm' intervals; audited. */
export async function putOfficeHours(deps: Deps, user: User, body: OfficeSettings, ip: string | undefined) {
  const before = await readStored(deps.db.knex)
  try {
    build({ ...before, office: body })
  } catch (e) {
    if (!(e instanceof RangeError)) throw e
    const index = /office hours\[(\d+)\]/.exec(e.message)?.[1]
    throw invalid([{ path: index === undefined ? '/body/officeHours' : `/body/officeHours/${index}`, message: e.message }])
  }
  const now = deps.now()
  const version = await deps.db.write(async (trx) => {
    const v = await bumpVersion(trx, before.version)
    await putSetting(trx, KEY_OFFICE, body)
    await recheckOpenCases(trx, now)
    return v
  })
  await audit(deps, { actorId: user.id, action: 'calendar.officeHours', target: 'officeHours', ip, success: true, details: { version, before: before.office, after: body } })
  await reloadCalendar(deps)
  return calendarOverview(deps)
}
