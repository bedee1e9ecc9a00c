/** Number formats of the supervision screens (durations, rates, scores); pure, locale as an argument. */

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A duration in words: "3 天 4 小时" / "3 d 4 h"; under an hour in minutes; empty for none. */
export function formatDuration(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return ''
  const zh = locale.startsWith('zh')
  const abs = Math.abs(ms)
  const sign = ms < 0 ? '-' : ''
  if (abs < HOUR) {
    const m = Math.round(abs / 60_000)
    return zh ? `${sign}${m} 分钟` : `${sign}${m} min`
  }
  const d = Math.floor(abs / DAY)
  const h = Math.round((abs - d * DAY) / HOUR)
  // 23.6 h rounds to a whole day.
  const [days, hours] = h === 24 ? [d + 1, 0] : [d, h]
  if (zh) return sign + [days ? `${days} 天` : '', hours ? `${hours} 小时` : ''].filter(Boolean).join(' ')
  return sign + [days ? `${days} d` : '', hours ? `${hours} h` : ''].filter(Boolean).join(' ')
}

/** Hours with one decimal, for chart axes: 90 000 000 ms → 25. */
export function toHours(ms: number | null | undefined): number {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 0
  return Math.round((ms / HOUR) * 10) / 10
}

/** A share 0…1 as a percentage with one decimal: 0.9351 → "93.5%"; none → "—". */
export function formatRate(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—'
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`
}

/** A score with one decimal, a signed change with its sign: 95 → "95.0", -5 → "-5.0", +3 → "+3.0". */
export function formatScore(value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const s = (Math.round(value * 10) / 10).toFixed(1)
  return signed && value > 0 ? `+${s}` : s
}

/** "2026-03" → "2026年3月" / "Mar 2026"; other period keys ("2026-Q1", "2026") pass through. */
export function formatPeriod(period: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  if (!m) return period
  const [, y, mo] = m
  if (locale.startsWith('zh')) return `${y}年${Number(mo)}月`
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${names[Number(mo) - 1] ?? mo} ${y}`
}
