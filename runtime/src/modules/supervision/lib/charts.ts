import type { DrillFilters } from './drill'

/**
 * ECharts options of the dashboard, built from plain figures. Each builder also returns the
 * drill target of every drawn datum (`targets[seriesIndex][dataIndex]`), so a click on a bar,
 * slice or point opens the list behind it. Options are plain data (no functions) except tooltip
 * formatters, so they are easy to test and never execute authored text.
 */

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** Where a datum drills to: the case list, the card list, or the ratings / complaints list, with its filters. */
export interface DrillTarget {
  list: 'cases' | 'cards' | 'ratings' | 'complaints'
  filters: DrillFilters & { bad?: boolean }
}

export interface ChartSpec {
  option: Record<string, unknown>
  targets: DrillTarget[][]
  /** The same figures as a table (shown on request and read by screen readers). */
  table: { head: string[]; rows: (string | number)[][] }
}

export const LEVEL_COLOURS = { normal: '#1e7b3c', warning: '#1d4ed8', yellow: '#d4a106', red: '#a8241a' } as const
export const CARD_LEVELS = ['warning', 'yellow', 'red'] as const

const base = (title: string) => ({
  aria: { enabled: true, label: { description: title } },
  animation: false,
  textStyle: { fontFamily: 'inherit' },
  grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  tooltip: { trigger: 'item', confine: true },
  title: { show: false, text: title },
  // Keep the brand colours of the levels when series are not coloured explicitly.
  color: ['#1d5fbf', '#1e7b3c', '#b54708', '#6d28d9', '#0f766e'],
})

const OPEN_STATUSES = ['submitted', 'awaitingSupplement', 'handling', 'paused']

/** The open statuses in the order a case passes them, zero where none (from the server's status → count map). */
export function statusRows(byStatus: Readonly<Record<string, number>>): { status: string; n: number }[] {
  return [...OPEN_STATUSES, ...Object.keys(byStatus).filter((s) => s !== 'concluded' && !OPEN_STATUSES.includes(s))].map((status) => ({ status, n: byStatus[status] ?? 0 }))
}

/** Live counts by case status: one horizontal bar per status. */
export function statusChart(rows: readonly { status: string; n: number }[], t: Translate, departmentId?: string): ChartSpec {
  const names = rows.map((r) => t(`status.${r.status}`))
  return {
    option: {
      ...base(t('sv.fig.byStatus')),
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [{ type: 'bar', name: t('sv.fig.cases'), data: rows.map((r) => r.n), itemStyle: { color: '#1d5fbf' }, label: { show: true, position: 'right' }, cursor: 'pointer' }],
    },
    targets: [rows.map((r) => ({ list: 'cases', filters: { figure: 'byStatus', status: r.status, ...(departmentId ? { departmentId } : {}) } }))],
    table: { head: [t('sv.col.status'), t('sv.fig.cases')], rows: rows.map((r, i) => [names[i] as string, r.n]) },
  }
}

/** Open cases by clock level: a ring coloured by level. */
export function levelChart(counts: Partial<Record<keyof typeof LEVEL_COLOURS, number>>, t: Translate, departmentId?: string): ChartSpec {
  // Empty slices only clutter the ring with "0" labels; the table still lists every level.
  const all = (['normal', 'warning', 'yellow', 'red'] as const).filter((l) => counts[l] !== undefined)
  const levels = all.filter((l) => (counts[l] ?? 0) > 0)
  return {
    option: {
      ...base(t('sv.fig.byLevel')),
      legend: { bottom: 0, icon: 'circle' },
      series: [
        {
          type: 'pie',
          name: t('sv.fig.byLevel'),
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}' },
          cursor: 'pointer',
          data: levels.map((l) => ({ name: t(`level.${l}`), value: counts[l] ?? 0, itemStyle: { color: LEVEL_COLOURS[l] } })),
        },
      ],
    },
    targets: [levels.map((l) => ({ list: 'cases', filters: { figure: 'byLevel', level: l, ...(departmentId ? { departmentId } : {}) } }))],
    table: { head: [t('sv.col.level'), t('sv.fig.cases')], rows: levels.length ? all.map((l) => [t(`level.${l}`), counts[l] ?? 0]) : [] },
  }
}

export interface DepartmentFigure {
  departmentId: string
  name: string
  concluded: number
  onTimeRate: number | null
  /** Average natural days from submission to conclusion. */
  avgDurationDays: number | null
}

/** Per department: on-time rate (bars, %) and average duration (line, days) on two axes. */
export function departmentChart(rows: readonly DepartmentFigure[], t: Translate): ChartSpec {
  const names = rows.map((r) => r.name)
  const target = (r: DepartmentFigure): DrillTarget => ({ list: 'cases', filters: { figure: 'byDepartment', departmentId: r.departmentId, status: 'concluded' } })
  return {
    option: {
      ...base(t('sv.fig.byDepartment')),
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, width: 96, overflow: 'truncate' } },
      yAxis: [
        { type: 'value', name: t('sv.fig.onTimeRate'), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', name: t('sv.fig.avgDays'), splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('sv.fig.onTimeRate'), data: rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)), itemStyle: { color: '#1e7b3c' }, barMaxWidth: 36, cursor: 'pointer' },
        { type: 'line', name: t('sv.fig.avgDays'), yAxisIndex: 1, data: rows.map((r) => r.avgDurationDays), itemStyle: { color: '#b54708' }, symbolSize: 8, cursor: 'pointer' },
      ],
    },
    targets: [rows.map(target), rows.map(target)],
    table: {
      head: [t('sv.col.department'), t('sv.col.concluded'), t('sv.fig.onTimeRate'), t('sv.fig.avgDays')],
      rows: rows.map((r) => [r.name, r.concluded, r.onTimeRate === null ? '—' : `${Math.round(r.onTimeRate * 1000) / 10}%`, r.avgDurationDays ?? '—']),
    },
  }
}

export interface TrendPoint {
  day: string
  created: number
  concluded: number
  onTime: number
}

/** Daily created / concluded / concluded-on-time cases over the window (30 or 90 days). */
export function trendChart(points: readonly TrendPoint[], t: Translate, departmentId?: string): ChartSpec {
  const kinds = ['created', 'concluded', 'onTime'] as const
  const colours = { created: '#1d5fbf', concluded: '#6d28d9', onTime: '#1e7b3c' }
  return {
    option: {
      ...base(t('sv.fig.trend')),
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: kinds.map((k) => ({ type: 'line', name: t(`sv.trend.${k}`), data: points.map((p) => p[k]), itemStyle: { color: colours[k] }, lineStyle: { color: colours[k], type: k === 'onTime' ? 'dashed' : 'solid' }, symbolSize: 6, cursor: 'pointer' })),
    },
    targets: kinds.map((k) => points.map((p) => ({ list: 'cases' as const, filters: { figure: 'trend', day: p.day, event: k, ...(departmentId ? { departmentId } : {}) } }))),
    table: { head: [t('sv.col.day'), ...kinds.map((k) => t(`sv.trend.${k}`))], rows: points.map((p) => [p.day, p.created, p.concluded, p.onTime]) },
  }
}

export interface CardFigure {
  departmentId: string
  name: string
  warning: number
  yellow: number
  red: number
}

/** Cards by level and department: stacked bars, one colour per level. */
export function cardsChart(rows: readonly CardFigure[], t: Translate): ChartSpec {
  return {
    option: {
      ...base(t('sv.fig.cards')),
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, width: 96, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: CARD_LEVELS.map((l) => ({ type: 'bar', stack: 'cards', name: t(`level.${l}`), data: rows.map((r) => r[l]), itemStyle: { color: LEVEL_COLOURS[l] }, barMaxWidth: 36, cursor: 'pointer' })),
    },
    targets: CARD_LEVELS.map((l) => rows.map((r) => ({ list: 'cards' as const, filters: { figure: 'cards', departmentId: r.departmentId, cardLevel: l } }))),
    table: { head: [t('sv.col.department'), ...CARD_LEVELS.map((l) => t(`level.${l}`))], rows: rows.map((r) => [r.name, r.warning, r.yellow, r.red]) },
  }
}

export interface InteractionFigure {
  departmentId: string
  name: string
  ratings: number
  /** 差评 (1–2 stars). */
  bad: number
  complaints: number
  complaintsOverdue: number
}

/** Ratings and complaints per department: four bars each; ratings drill to the ratings list, complaints to the complaints list. */
export function interactionsChart(rows: readonly InteractionFigure[], t: Translate): ChartSpec {
  const series = [
    { key: 'ratings', colour: '#1e7b3c', target: (r: InteractionFigure): DrillTarget => ({ list: 'ratings', filters: { departmentId: r.departmentId } }) },
    { key: 'bad', colour: '#b54708', target: (r: InteractionFigure): DrillTarget => ({ list: 'ratings', filters: { departmentId: r.departmentId, bad: true } }) },
    { key: 'complaints', colour: '#6d28d9', target: (r: InteractionFigure): DrillTarget => ({ list: 'complaints', filters: { departmentId: r.departmentId } }) },
    { key: 'complaintsOverdue', colour: '#a8241a', target: (r: InteractionFigure): DrillTarget => ({ list: 'complaints', filters: { departmentId: r.departmentId, level: 'overdue' } }) },
  ] as const
  return {
    option: {
      ...base(t('sv.fig.ratings')),
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, width: 96, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((x) => ({ type: 'bar', name: t(`sv.fig.i.${x.key}`), data: rows.map((r) => r[x.key]), itemStyle: { color: x.colour }, barMaxWidth: 24, cursor: 'pointer' })),
    },
    targets: series.map((x) => rows.map(x.target)),
    table: { head: [t('sv.col.department'), ...series.map((x) => t(`sv.fig.i.${x.key}`))], rows: rows.map((r) => [r.name, r.ratings, r.bad, r.complaints, r.complaintsOverdue]) },
  }
}

/** One row per department from the interactions figure's three lists. */
export function interactionRows(f: { ratings: { byDepartment: readonly { departmentId: string; departmentName: string; total: number; bad: number }[] }; complaints: { byDepartment: readonly { departmentId: string; departmentName: string; total: number; overdue: number }[] } }): InteractionFigure[] {
  const out = new Map<string, InteractionFigure>()
  const row = (id: string, name: string) => out.get(id) ?? out.set(id, { departmentId: id, name, ratings: 0, bad: 0, complaints: 0, complaintsOverdue: 0 }).get(id)!
  for (const r of f.ratings.byDepartment) Object.assign(row(r.departmentId, r.departmentName), { ratings: r.total, bad: r.bad })
  for (const c of f.complaints.byDepartment) Object.assign(row(c.departmentId, c.departmentName), { complaints: c.total, complaintsOverdue: c.overdue })
  return [...out.values()].sort((a, b) => a.departmentId.localeCompare(b.departmentId))
}

/** The drill target of a clicked datum, if it has one with filters. */
export function targetOf(spec: Pick<ChartSpec, 'targets'>, seriesIndex: number | undefined, dataIndex: number | undefined): DrillTarget | undefined {
  if (seriesIndex === undefined || dataIndex === undefined) return undefined
  const t = spec.targets[seriesIndex]?.[dataIndex]
  return t && Object.keys(t.filters).length ? t : undefined
}
