import type { Knex } from 'knex'

/**
 * Many rows per statement without knex's per-value query building. PostgreSQL: the rows travel as
 * one JSON parameter unpacked by json_populate_recordset. SQLite: plain multi-row VALUES with as
 * many rows as its 32 766 bound variables allow (json_each measured 5× slower there). Used where
 * the scheduler writes cards for many cases at once.
 */
export async function insertJson(
  trx: Knex | Knex.Transaction,
  table: string,
  rows: readonly Record<string, unknown>[],
  opts: { ignoreConflictOn?: readonly string[]; returning?: string } = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return []
  const cols = Object.keys(rows[0] as Record<string, unknown>)
  const pg = trx.client.config.client === 'pg'
  const list = cols.map((c) => `"${c}"`).join(', ')
  const conflict = opts.ignoreConflictOn ? ` on conflict (${opts.ignoreConflictOn.map((c) => `"${c}"`).join(', ')}) do nothing` : ''
  const returning = opts.returning ? ` returning "${opts.returning}"` : ''
  const out: Record<string, unknown>[] = []
  if (pg) {
    const r = (await trx.raw(`insert into "${table}" (${list}) select ${list} from json_populate_recordset(null::"${table}", ?::json)${conflict}${returning}`, [JSON.stringify(rows)])) as { rows: Record<string, unknown>[] }
    return opts.returning ? r.rows : []
  }
  const per = Math.max(1, Math.floor(32_000 / cols.length))
  const tuple = `(${cols.map(() => '?').join(', ')})`
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per)
    const bindings: Knex.RawBinding[] = []
    for (const r of part) for (const c of cols) bindings.push((typeof r[c] === 'boolean' ? (r[c] ? 1 : 0) : (r[c] ?? null)) as Knex.RawBinding)
    const r = (await trx.raw(`insert into "${table}" (${list}) values ${part.map(() => tuple).join(', ')}${conflict}${returning}`, bindings)) as Record<string, unknown>[]
    if (opts.returning) out.push(...r)
  }
  return out
}
