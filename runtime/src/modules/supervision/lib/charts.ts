import type { DrillFilters } from './drill'
import { toHours } from './format'

/**
 * ECharts options of the dashboard, built from plain figures. Each builder also returns the
 * drill target of every drawn datum (`targets[seriesIndex][dataIndex]`), so a click on a bar,
 * slice or point opens the list behind it. Options are plain data (no functions) except tooltip
 * formatters, so they are easy to test and never execute authored text.
 */

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** Where a datum drills to: the case list or the card list, with its filters. */
export interface DrillTarget {
  list: 'cases' | 'cards'
  filters: DrillFilters
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
  const levels = (['normal', 'warning', 'yellow', 'red'] as const).filter((l) => counts[l] !== undefined)
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
    table: { head: [t('sv.col.level'), t('sv.fig.cases')], rows: levels.map((l) => [t(`level.${l}`), counts[l] ?? 0]) },
  }
}

export interface DepartmentFigure {
  departmentId: string
  name: string
  concluded: number
  onTimeRate: number | null
  avgDurationMs: number | null
}

/** Per department: on-time rate (bars, %) and average duration (line, hours) on two axes. */
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
        { type: 'value', name: t('sv.fig.avgHours'), splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: t('sv.fig.onTimeRate'), data: rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)), itemStyle: { color: '#1e7b3c' }, barMaxWidth: 36, cursor: 'pointer' },
        { type: 'line', name: t('sv.fig.avgHours'), yAxisIndex: 1, data: rows.map((r) => (r.avgDurationMs === null ? null : toHours(r.avgDurationMs))), itemStyle: { color: '#b54708' }, symbolSize: 8, cursor: 'pointer' },
      ],
    },
    targets: [rows.map(target), rows.map(target)],
    table: {
      head: [t('sv.col.department'), t('sv.col.concluded'), t('sv.fig.onTimeRate'), t('sv.fig.avgHours')],
      rows: rows.map((r) => [r.name, r.concluded, r.onTimeRate === null ? '—' : `${Math.round(r.onTimeRate * 1000) / 10}%`, r.avgDurationMs === null ? '—' : toHours(r.avgDurationMs)]),
    },
  }
}

export interface TrendPoint {
  day: string
  opened: number
  concluded: number
  overdue: number
}

/** Daily opened / concluded / newly overdue cases over the window (30 or 90 days). */
export function trendChart(points: readonly TrendPoint[], t: Translate, departmentId?: string): ChartSpec {
  const kinds = ['opened', 'concluded', 'overdue'] as const
  const colours = { opened: '#1d5fbf', concluded: '#1e7b3c', overdue: '#a8241a' }
  return {
    option: {
      ...base(t('sv.fig.trend')),
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      xAxis: { type: 'category', boundaryGap: false, data: points.map((p) => p.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: kinds.map((k) => ({ type: 'line', name: t(`sv.trend.${k}`), data: points.map((p) => p[k]), itemStyle: { color: colours[k] }, lineStyle: { color: colours[k], type: k === 'overdue' ? 'dashed' : 'solid' }, symbolSize: 6, cursor: 'pointer' })),
    },
    targets: kinds.map((k) => points.map((p) => ({ list: 'cases' as const, filters: { figure: 'trend', day: p.day, event: k, ...(departmentId ? { departmentId } : {}) } }))),
    table: { head: [t('sv.col.day'), ...kinds.map((k) => t(`sv.trend.${k}`))], rows: points.map((p) => [p.day, p.opened, p.concluded, p.overdue]) },
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

export interface RatingFigure {
  /** 1 非常满意 … 5 非常不满意 (GB/T 39046 A.8). */
  satisfaction: number
  n: number
}

const SATISFACTION_COLOURS = ['#1e7b3c', '#4d9a5f', '#8a94a3', '#d97706', '#a8241a']

/** Service ratings by satisfaction level (the last two are 差评), and complaints per department. */
export function ratingsChart(ratings: readonly RatingFigure[], complaints: readonly { departmentId: string; name: string; n: number; overdue: number }[], t: Translate, departmentId?: string): ChartSpec {
  const levels = [1, 2, 3, 4, 5]
  const count = (s: number) => ratings.find((r) => r.satisfaction === s)?.n ?? 0
  return {
    option: {
      ...base(t('sv.fig.ratings')),
      grid: [
        { left: 8, right: '54%', top: 36, bottom: 8, containLabel: true },
        { left: '54%', right: 8, top: 36, bottom: 8, containLabel: true },
      ],
      tooltip: { trigger: 'item', confine: true },
      xAxis: [
        { type: 'category', gridIndex: 0, data: levels.map((s) => t(`sv.satisfaction.${s}`)), axisLabel: { interval: 0 }, name: '' },
        { type: 'category', gridIndex: 1, data: complaints.map((c) => c.name), axisLabel: { interval: 0, width: 80, overflow: 'truncate' } },
      ],
      yAxis: [
        { type: 'value', gridIndex: 0, minInterval: 1, name: t('sv.fig.ratingCount') },
        { type: 'value', gridIndex: 1, minInterval: 1, name: t('sv.fig.complaints') },
      ],
      series: [
        { type: 'bar', name: t('sv.fig.ratingCount'), xAxisIndex: 0, yAxisIndex: 0, data: levels.map((s, i) => ({ value: count(s), itemStyle: { color: SATISFACTION_COLOURS[i] } })), barMaxWidth: 32, cursor: 'pointer' },
        { type: 'bar', name: t('sv.fig.complaints'), xAxisIndex: 1, yAxisIndex: 1, data: complaints.map((c) => c.n), itemStyle: { color: '#6d28d9' }, barMaxWidth: 32 },
      ],
    },
    targets: [levels.map((s) => ({ list: 'cases', filters: { figure: 'ratings', satisfaction: s, ...(departmentId ? { departmentId } : {}) } })), complaints.map(() => ({ list: 'cases', filters: {} }))],
    table: {
      head: [t('sv.col.item'), t('sv.fig.ratingCount')],
      rows: [...levels.map((s) => [t(`sv.satisfaction.${s}`), count(s)]), ...complaints.map((c) => [`${t('sv.fig.complaints')} · ${c.name}`, `${c.n}（${t('sv.fig.complaintsOverdue')} ${c.overdue}）`])],
    },
  }
}

/** The drill target of a clicked datum, if it has one with filters. */
export function targetOf(spec: Pick<ChartSpec, 'targets'>, seriesIndex: number | undefined, dataIndex: number | undefined): DrillTarget | undefined {
  if (seriesIndex === undefined || dataIndex === undefined) return undefined
  const t = spec.targets[seriesIndex]?.[dataIndex]
  return t && Object.keys(t.filters).length ? t : undefined
}
