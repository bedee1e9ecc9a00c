import { CalendarUnknownError, createCalendar, formatInstant, officialSchedule, parseInstant, type Calendar, type LimitUnit } from '@sunlight/calendar'
import type { CommandResult } from '../command'

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** Accepts 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm[:ss]' or 'YYYY-MM-DDTHH:mm[:ss]' (China time), or an ISO instant with Z/offset. */
export function parseStart(text: string): number | undefined {
  if (/(Z|[+-]\d\d:?\d\d)$/.test(text)) {
    const t = Date.parse(text)
    return Number.isNaN(t) ? undefined : t
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?$/.exec(text)
  if (!m) return undefined
  try {
    return parseInstant(`${m[1]} ${m[2] ?? '00:00'}`)
  } catch {
    return undefined
  }
}

function weekday(cal: Calendar, day: string): string {
  return WEEKDAYS_ZH[new Date(cal.startOfDay(day) + 8 * 3600_000).getUTCDay()] as string
}

/**
 * `sunlight deadline <start> <N> <workdays|days>`: first line the last day of the limit (it ends at
 * 24:00 of that day, China time), then how it was counted.
 */
export async function deadlineCommand(args: string[]): Promise<CommandResult> {
  const usage = 'usage: sunlight deadline <start ISO date-time> <N> <workdays|days>\n'
  if (args.length !== 3) return { code: 2, stderr: usage }
  const [startText, nText, unitText] = args as [string, string, string]
  const start = parseStart(startText)
  if (start === undefined) return { code: 2, stderr: `start: "${startText}" is not a date-time like 2026-03-02T10:00 (China time)\n${usage}` }
  if (!/^\d+$/.test(nText) || Number(nText) > 3650) return { code: 2, stderr: `N: "${nText}" is not a whole number of days (0–3650)\n${usage}` }
  if (unitText !== 'workdays' && unitText !== 'days') return { code: 2, stderr: `unit: "${unitText}" must be workdays or days\n${usage}` }
  const unit = unitText as LimitUnit
  const n = Number(nText)
  const cal = createCalendar(officialSchedule)
  try {
    const end = cal.addLimit(start, { value: n, unit })
    const due = cal.dueDay(end)
    const startDay = cal.dayOf(start)
    const lines = [
      due,
      `start      ${formatInstant(start)} China time (${startDay} ${weekday(cal, startDay)}); the start day is not counted`,
      `limit      ${n} ${unit === 'workdays' ? 'working days (工作日)' : 'natural days (自然日)'}`,
      `ends       24:00 of ${due} ${weekday(cal, due)} — overdue from ${formatInstant(end + 1000)} ("overdue by one second counts")`,
    ]
    const skipped: string[] = []
    const madeUp: string[] = []
    for (let d = cal.dayOf(cal.endOfDay(startDay)); d <= due; d = cal.dayOf(cal.endOfDay(d))) {
      const info = cal.dayInfo(d)
      if (info.kind === 'holiday') skipped.push(`${d} ${info.name ?? ''}`.trim())
      if (info.kind === 'makeupWorkday') madeUp.push(`${d} ${weekday(cal, d)} (调休 ${info.name ?? ''})`.trim())
    }
    if (unit === 'workdays') {
      lines.push(`rule       行政许可法 art. 82: periods in working days exclude statutory holidays; weekends off, 调休 make-up days on`)
      if (skipped.length) lines.push(`holidays   ${skipped.join(', ')}`)
      if (madeUp.length) lines.push(`make-up    counted as working days: ${madeUp.join(', ')}`)
    } else {
      const plain = cal.dueDay(cal.endOfDay(startDay) + (n - 1) * 86_400_000 + 1)
      lines.push(`rule       民法典 arts. 201, 203: natural days from the day after; a last day on a rest day or holiday moves to the next working day`)
      if (n > 0 && plain !== due) lines.push(`rolled     ${plain} ${weekday(cal, plain)} is not a working day → ${due}`)
    }
    lines.push(`calendar   official schedules ${cal.coveredFrom} … ${cal.coveredTo}`)
    return { code: 0, stdout: lines.join('\n') + '\n' }
  } catch (e) {
    if (e instanceof CalendarUnknownError) return { code: 1, stderr: `calendar unknown for ${e.date}: add that year's schedule to the holiday table\n` }
    throw e
  }
}
