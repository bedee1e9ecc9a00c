import { createCalendar, officialSchedule, type Calendar } from '@sunlight/calendar'

let calendar: Calendar | undefined

/** The legal working-day calendar (statutory holidays and 调休), built once. */
export function useCalendar(): Calendar {
  calendar ??= createCalendar(officialSchedule)
  return calendar
}

/** Today in China time, 'YYYY-MM-DD'. */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10)
}
