import { CHINA_OFFSET_MS, DAY_MS, checkInstant, chinaEpochDay, formatDay, readDigits, tryParseDay } from './civil-date'

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`
}

/** 'YYYY-MM-DD HH:mm:ss' in China time (UTC+8) of an epoch-ms instant; milliseconds are truncated. */
export function formatInstant(instant: number): string {
  checkInstant(instant)
  const day = chinaEpochDay(instant)
  const secOfDay = Math.floor((instant + CHINA_OFFSET_MS - day * DAY_MS) / 1000)
  const h = Math.floor(secOfDay / 3600)
  const m = Math.floor((secOfDay % 3600) / 60)
  const s = secOfDay % 60
  return `${formatDay(day)} ${pad2(h)}:${pad2(m)}:${pad2(s)}`
}

/**
 * Inverse of `formatInstant`: 'YYYY-MM-DD HH:mm' or 'YYYY-MM-DD HH:mm:ss' read as China time (UTC+8)
 * → epoch ms. Throws RangeError on anything else.
 */
export function parseInstant(text: string): number {
  const ok = typeof text === 'string' && (text.length === 16 || text.length === 19)
  const day = ok ? tryParseDay(text.slice(0, 10)) : NaN
  const h = ok && text.charCodeAt(10) === 32 && text.charCodeAt(13) === 58 ? readDigits(text, 11, 2) : -1
  const m = h >= 0 ? readDigits(text, 14, 2) : -1
  const s = text.length === 19 ? (text.charCodeAt(16) === 58 ? readDigits(text, 17, 2) : -1) : 0
  if (Number.isNaN(day) || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) {
    throw new RangeError(`invalid instant '${String(text)}', expected 'YYYY-MM-DD HH:mm[:ss]' (China time)`)
  }
  return day * DAY_MS - CHINA_OFFSET_MS + ((h * 60 + m) * 60 + s) * 1000
}
