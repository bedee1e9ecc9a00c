import type { TableIssue } from './calendar-table'

/** Thrown by `createCalendar` when the table does not pass `validateTable`. */
export class CalendarTableError extends Error {
  readonly issues: readonly TableIssue[]

  constructor(issues: readonly TableIssue[]) {
    const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ')
    const more = issues.length > 5 ? `; … ${issues.length - 5} more` : ''
    super(`invalid calendar table: ${shown}${more}`)
    this.name = 'CalendarTableError'
    this.issues = issues
  }
}
