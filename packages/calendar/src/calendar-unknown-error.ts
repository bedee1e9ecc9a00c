/**
 * Thrown when a computation needs a day that the holiday table does not cover.
 * The calendar never guesses: a legally binding deadline computed from a guessed
 * holiday schedule could be wrong by days (domain.md §4.3: "wrong holiday configuration
 * corrupts card issuance" [DZJC]).
 */
export class CalendarUnknownError extends Error {
  /** The first day needed that the table does not cover, 'YYYY-MM-DD'. */
  readonly date: string
  /** Message for Chinese-speaking administrators. */
  readonly messageZh: string

  constructor(date: string) {
    super(`calendar unknown for ${date}`)
    this.name = 'CalendarUnknownError'
    this.date = date
    this.messageZh = `日历未覆盖 ${date}，请在节假日表中补充该年度安排`
  }
}
