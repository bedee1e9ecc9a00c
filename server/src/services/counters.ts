import type { Knex } from 'knex'

/**
 * Next value of a gap-free sequence, inside the caller's transaction: the row is created or
 * incremented in the same transaction as the record that uses the number, so a rolled-back
 * command leaves no gap and two concurrent commands never get the same number (SQLite serialises
 * writers; PostgreSQL takes a row lock with the UPSERT).
 */
export async function nextValue(trx: Knex.Transaction, scope: string): Promise<number> {
  const rows = (await trx.raw(
    'insert into counters (scope, value) values (?, 1) on conflict (scope) do update set value = counters.value + 1 returning value',
    [scope],
  )) as unknown
  const value = Array.isArray(rows) ? (rows[0] as { value: number }).value : (rows as { rows: { value: number }[] }).rows[0]?.value
  return Number(value)
}
