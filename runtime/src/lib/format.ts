import type { TimeLimit } from '@sunlight/definition'

const CHINA = 'Asia/Shanghai'

const parts = (ms: number) => {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]))
  return p as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>
}

/** An instant as China time, "2026-03-02 14:05" (every case time is China time, whatever the browser's zone). */
export function formatInstant(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return ''
  const p = parts(ms)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}

/** The China calendar day of an instant, "2026-03-02". */
export function formatDay(ms: number | null | undefined): string {
  return formatInstant(ms).slice(0, 10)
}

/** A time limit in words: "20 个工作日" / "30 日" (zh) or "20 working days" / "30 days" (en). */
export function formatLimit(limit: TimeLimit | undefined, locale: string): string {
  if (!limit) return ''
  if (locale.startsWith('zh')) return `${limit.value} ${limit.unit === 'workdays' ? '个工作日' : '日'}`
  return `${limit.value} ${limit.unit === 'workdays' ? 'working day' : 'day'}${limit.value === 1 ? '' : 's'}`
}

/** File sizes for upload slots: "812 B", "1.4 MB". */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
