import type { CatalogSummary } from '../api/types'

export interface DepartmentFigures {
  departmentId: string
  department: string
  items: number
  /** Items per category code. */
  byCategory: Record<string, number>
  instant: number
  /** Mean promised limit in days of the department's items (working days and days alike, as published). */
  meanPromised: number
  /** Share of the statutory limit the department promises, on average (承诺时限 / 法定时限). */
  promisedShare: number
}

/**
 * What the published catalog alone tells per department: how many items, of which categories, how
 * many instant, and how far the promised limits undercut the statutory ones. Case figures
 * (received, concluded, on time, duration) need a statistics API the server does not offer yet.
 */
export function catalogFigures(items: readonly CatalogSummary[]): DepartmentFigures[] {
  const map = new Map<string, DepartmentFigures & { shareSum: number; shareN: number; promisedSum: number }>()
  for (const i of items) {
    const f = map.get(i.departmentId) ?? { departmentId: i.departmentId, department: i.department, items: 0, byCategory: {}, instant: 0, meanPromised: 0, promisedShare: 0, shareSum: 0, shareN: 0, promisedSum: 0 }
    f.items++
    f.byCategory[i.category] = (f.byCategory[i.category] ?? 0) + 1
    if (i.caseType === 'instant') f.instant++
    f.promisedSum += i.promisedLimit.value
    if (i.statutoryLimit.value > 0 && i.statutoryLimit.unit === i.promisedLimit.unit) {
      f.shareSum += i.promisedLimit.value / i.statutoryLimit.value
      f.shareN++
    }
    map.set(i.departmentId, f)
  }
  return [...map.values()]
    .map(({ shareSum, shareN, promisedSum, ...f }) => ({ ...f, meanPromised: round1(promisedSum / f.items), promisedShare: shareN ? round1((shareSum / shareN) * 100) / 100 : 0 }))
    .sort((a, b) => b.items - a.items || a.department.localeCompare(b.department, 'zh'))
}

const round1 = (n: number) => Math.round(n * 10) / 10

/** Items per category over the whole catalog, for the home page's browse-by-category list. */
export function countByCategory(items: readonly CatalogSummary[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const i of items) out[i.category] = (out[i.category] ?? 0) + 1
  return out
}

/** Departments with their item counts, most items first. */
export function departmentsOf(items: readonly CatalogSummary[]): { id: string; name: string; count: number }[] {
  const map = new Map<string, { id: string; name: string; count: number }>()
  for (const i of items) {
    const d = map.get(i.departmentId) ?? { id: i.departmentId, name: i.department, count: 0 }
    d.count++
    map.set(i.departmentId, d)
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'))
}

/** An on-time rate (0…1) as a whole percentage; '—' when nothing was timed yet. */
export function formatRate(rate: number | null | undefined, locale = 'zh-CN'): string {
  if (rate === null || rate === undefined) return '—'
  return `${(Math.round(rate * 1000) / 10).toLocaleString(locale, { maximumFractionDigits: 1 })}%`
}

/** A mean duration in working days, one decimal; '—' when nothing concluded on a clock. */
export function formatWorkdays(days: number | null | undefined, locale = 'zh-CN'): string {
  if (days === null || days === undefined) return '—'
  const n = days.toLocaleString(locale, { maximumFractionDigits: 1 })
  return locale.startsWith('zh') ? `${n} 个工作日` : `${n} working day${days === 1 ? '' : 's'}`
}
