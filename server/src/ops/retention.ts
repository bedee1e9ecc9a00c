import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { verifyChain, type CaseEvent, type CaseState } from '@sunlight/engine'
import type { Db } from '../db/knex'

/**
 * Retention (issue #8 item 8): cases concluded more than `years` years ago (at least 3: shorter
 * retention is refused) leave the hot tables for compressed archive files — gzip JSON lines, one
 * case per line with its projection row, every event with its hash, and every row of the tables that
 * hang off the case (documents, warnings, outbox and deliveries, ratings, files' metadata, …).
 *
 * One transaction per batch: the batch is read, its file written, fsynced and renamed into place,
 * and only then are its rows deleted, in the same transaction — a crash before the commit leaves
 * the cases in the database (and perhaps a file that also holds them: verifyArchive reports
 * duplicates across files, which are harmless); a crash after it leaves them only in the file.
 * The uploaded files themselves stay in SUNLIGHT_UPLOADS (named by SHA-256, listed in the archive)
 * for the operator to move to cold storage.
 *
 * File layout: line 1 a header, then one line per case, then a trailer with the number of cases
 * and the SHA-256 of the case lines — so a truncated or edited file is detected even where every
 * case chain would still verify.
 */

export const MIN_RETENTION_YEARS = 3
export const ARCHIVE_FORMAT = 'sunlight-case-archive'

/** Tables with a case_id, in deletion order (children before the case row). */
export const CASE_TABLES = ['rating_followups', 'ratings', 'documents', 'notifications', 'case_card_levels', 'case_watches', 'cards', 'warnings', 'exchange_deliveries', 'outbox', 'case_acts', 'idempotency_keys', 'files', 'case_events'] as const

export interface ArchiveOptions {
  years: number
  outDir: string
  /** Cases per batch (one file and one transaction each). Default 200. */
  batch?: number
  now: number
}

export interface ArchiveResult {
  cutoff: number
  files: string[]
  cases: number
  events: number
}

/** The instant `years` calendar years before `now` (China time; leap days roll to 1 March). */
export function retentionCutoff(now: number, years: number): number {
  const offset = 8 * 3_600_000
  const d = new Date(now + offset)
  d.setUTCFullYear(d.getUTCFullYear() - years)
  return d.getTime() - offset
}

export function checkYears(years: number): void {
  if (!Number.isInteger(years) || years < MIN_RETENTION_YEARS)
    throw new Error(`retention must be a whole number of years, at least ${MIN_RETENTION_YEARS} (got ${years}): concluded cases are kept that long before they are archived`)
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

const stamp = (t: number) => new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')

/** Archives every case concluded before the cutoff, batch by batch. */
export async function archiveConcluded(db: Db, o: ArchiveOptions): Promise<ArchiveResult> {
  checkYears(o.years)
  const cutoff = retentionCutoff(o.now, o.years)
  const batch = o.batch ?? 200
  mkdirSync(o.outDir, { recursive: true })
  const result: ArchiveResult = { cutoff, files: [], cases: 0, events: 0 }
  for (let n = 1; ; n++) {
    const done = await db.write(async (trx) => {
      const rows = (await trx('cases').where({ status: 'concluded' }).andWhere('concluded_at', '<', cutoff).orderBy([{ column: 'concluded_at' }, { column: 'id' }]).limit(batch)) as Record<string, unknown>[]
      if (rows.length === 0) return undefined
      const ids = rows.map((r) => r.id as string)
      const related: Record<string, Record<string, unknown>[]> = {}
      for (const table of CASE_TABLES) related[table] = (await trx(table).whereIn('case_id', ids)) as Record<string, unknown>[]
      // A supervision card's log is keyed by the card: archived with (and deleted before) its card.
      const cardIds = (related.cards ?? []).map((c) => c.id as string)
      const cardEvents = cardIds.length ? ((await trx('card_events').whereIn('card_id', cardIds)) as Record<string, unknown>[]) : []
      const caseOfCard = new Map((related.cards ?? []).map((c) => [c.id as string, c.case_id as string]))
      related.card_events = cardEvents.map((e) => ({ ...e, case_id: caseOfCard.get(e.card_id as string) }))
      const lines = rows.map((row) => {
        const of = (table: string) => (related[table] ?? []).filter((r) => r.case_id === row.id)
        const events = of('case_events')
          .map((e) => ({ seq: Number(e.seq), hash: e.hash as string, event: JSON.parse(e.event as string) as CaseEvent }))
          .sort((a, b) => a.seq - b.seq)
        const rest = Object.fromEntries([...CASE_TABLES.filter((t) => t !== 'case_events'), 'card_events'].map((t) => [t, of(t)]))
        return JSON.stringify({ case: row, events, related: rest })
      })
      const digest = createHash('sha256')
      for (const l of lines) digest.update(`${l}\n`)
      const header = { format: ARCHIVE_FORMAT, version: 1, createdAt: o.now, cutoff, years: o.years, cases: rows.length }
      const trailer = { end: true, cases: rows.length, sha256: digest.digest('hex') }
      const body = [JSON.stringify(header), ...lines, JSON.stringify(trailer)].join('\n') + '\n'
      const file = join(o.outDir, `sunlight-archive-${stamp(o.now)}-${String(n).padStart(4, '0')}.jsonl.gz`)
      const tmp = `${file}.tmp`
      writeFileSync(tmp, gzipSync(body))
      fsyncPath(tmp)
      renameSync(tmp, file)
      fsyncPath(o.outDir)
      if (cardIds.length) await trx('card_events').whereIn('card_id', cardIds).delete()
      for (const table of CASE_TABLES) await trx(table).whereIn('case_id', ids).delete()
      await trx('cases').whereIn('id', ids).delete()
      return { file, cases: rows.length, events: (related.case_events ?? []).length }
    })
    if (!done) return result
    result.files.push(done.file)
    result.cases += done.cases
    result.events += done.events
  }
}

export interface ArchiveVerdict {
  file: string
  cases: number
  events: number
  caseIds: string[]
  problems: string[]
}

/** Reads an archive file back and checks its trailer and every case's chain. */
export function verifyArchive(file: string): ArchiveVerdict {
  const v: ArchiveVerdict = { file, cases: 0, events: 0, caseIds: [], problems: [] }
  let text: string
  try {
    text = gunzipSync(readFileSync(file)).toString('utf8')
  } catch (e) {
    v.problems.push(`not a readable gzip file: ${(e as Error).message}`)
    return v
  }
  const lines = text.split('\n').filter((l) => l !== '')
  const parse = (l: string | undefined, what: string): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(l ?? '') as Record<string, unknown>
    } catch {
      v.problems.push(`${what} is not JSON`)
      return undefined
    }
  }
  const header = parse(lines[0], 'the header')
  const trailer = parse(lines.at(-1), 'the trailer')
  if (header?.format !== ARCHIVE_FORMAT) v.problems.push('not a Sunlight case archive (header)')
  if (trailer?.end !== true) v.problems.push('the trailer is missing: the file was truncated')
  const caseLines = lines.slice(1, -1)
  const digest = createHash('sha256')
  for (const l of caseLines) digest.update(`${l}\n`)
  if (trailer?.end === true && (trailer.cases !== caseLines.length || trailer.sha256 !== digest.digest('hex'))) v.problems.push('the case lines do not match the trailer: lines were edited, added or removed')
  for (const [i, l] of caseLines.entries()) {
    const rec = parse(l, `case line ${i + 1}`) as { case: { id: string; version: number | string; state: string }; events: { seq: number; hash: string; event: CaseEvent }[] } | undefined
    if (!rec) continue
    const id = rec.case.id
    v.cases++
    v.caseIds.push(id)
    v.events += rec.events.length
    const chain = verifyChain(rec.events.map((e) => e.event))
    const state = JSON.parse(rec.case.state) as CaseState
    if (!chain.ok) v.problems.push(`case ${id}: chain broken at seq ${chain.seq} (${chain.reason})`)
    else if (chain.count !== Number(rec.case.version) || chain.count !== state.seq || chain.lastHash !== state.lastHash) v.problems.push(`case ${id}: ${chain.count} events archived, the case recorded ${state.seq}`)
    for (const e of rec.events) if (e.hash !== e.event.hash || e.seq !== e.event.seq) v.problems.push(`case ${id}: the stored hash or seq of event ${e.seq} differs from the event's`)
  }
  return v
}

/** Verifies one file or every archive in a folder; a case archived in two files is reported. */
export function verifyArchives(path: string): { verdicts: ArchiveVerdict[]; duplicates: string[] } {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.jsonl.gz'))
        .sort()
        .map((f) => join(path, f))
    : [path]
  const verdicts = files.map(verifyArchive)
  const seen = new Map<string, number>()
  for (const v of verdicts) for (const id of v.caseIds) seen.set(id, (seen.get(id) ?? 0) + 1)
  return { verdicts, duplicates: [...seen].filter(([, n]) => n > 1).map(([id]) => id) }
}
