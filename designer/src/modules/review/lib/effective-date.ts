/**
 * The effective date the legal reviewer chooses when publishing (server: item-review.ts): today,
 * China time, or a later day at most a year ahead; only add and change requests may be scheduled
 * (cancel and delegate take effect on the day they are confirmed).
 */

/** The day in China (Asia/Shanghai) of an instant, as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** The last day a publication may be scheduled for. */
export function latestEffectiveDay(today: string): string {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + 1)
  return d.toISOString().slice(0, 10)
}

export const schedulable = (type: string | undefined): boolean => type === 'add' || type === 'change'

/** Whether `day` may be chosen (the date picker greys out the others). */
export function allowedEffectiveDay(day: string, today: string, type: string | undefined): boolean {
  if (!schedulable(type)) return day === today
  return day >= today && day <= latestEffectiveDay(today)
}

/** A date picker cell (local midnight) as YYYY-MM-DD. */
export function pickerDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
