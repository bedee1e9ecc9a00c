/**
 * The holiday table: weekday/weekend defaults plus an override list (domain.md §4.3).
 *
 * - `holiday`: a day off under the State Council's annual notice (国务院办公厅关于YYYY年部分节假日安排的通知),
 *   issued under 《全国年节及纪念日放假办法》. Holidays may fall on any day of the week.
 * - `makeupWorkday`: a weekend day that is a working day (调休上班). Only Saturdays and Sundays.
 */
export type HolidayKind = 'holiday' | 'makeupWorkday'

export interface HolidayEntry {
  /** China calendar date 'YYYY-MM-DD'. */
  readonly date: string
  readonly kind: HolidayKind
  /** Chinese festival name, e.g. 春节. */
  readonly name: string
  /** The document the entry comes from, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
  readonly source: string
}

/**
 * A table that is authoritative for every day in [coveredFrom, coveredTo] (inclusive):
 * days without an entry are working days Monday–Friday and rest days on weekends.
 * Outside that range the calendar is unknown and nothing is guessed.
 */
export interface CalendarTable {
  readonly coveredFrom: string
  readonly coveredTo: string
  readonly entries: readonly HolidayEntry[]
}

/** A diagnostic about a table: a JSON-pointer-like path (e.g. `/entries/3/date`) and a message. */
export interface TableIssue {
  readonly path: string
  readonly message: string
}
