import { describe, expect, it } from 'vitest'
import { LEVEL_COLOURS, cardsChart, departmentChart, interactionRows, interactionsChart, levelChart, statusChart, statusRows, targetOf, trendChart } from '../charts'

const t = (key: string, named?: Record<string, unknown>) => (named ? `${key}:${JSON.stringify(named)}` : key)
type Series = { type: string; data: unknown[]; name: string; stack?: string }
const series = (o: Record<string, unknown>) => o.series as Series[]

describe('supervision/lib/charts', () => {
  it('should draw one bar per status and drill each bar to that status', () => {
    const spec = statusChart([{ status: 'handling', n: 12 }, { status: 'paused', n: 2 }], t, 'sc-mzw')
    expect(series(spec.option)[0]!.data).toEqual([12, 2])
    expect(targetOf(spec, 0, 1)).toEqual({ list: 'cases', filters: { figure: 'byStatus', status: 'paused', departmentId: 'sc-mzw' } })
  })

  it('should colour level slices by level and draw no slice for an empty level', () => {
    const spec = levelChart({ normal: 30, warning: 0, yellow: 2, red: 1 }, t)
    const data = series(spec.option)[0]!.data as { name: string; itemStyle: { color: string } }[]
    expect(data.map((d) => d.itemStyle.color)).toEqual([LEVEL_COLOURS.normal, LEVEL_COLOURS.yellow, LEVEL_COLOURS.red])
    expect(targetOf(spec, 0, 1)!.filters.level).toBe('yellow')
    expect(spec.table.rows.map((r) => r[1])).toEqual([30, 0, 2, 1])
  })

  it('should have no table rows when no case is open, so the chart says "no data"', () => {
    expect(levelChart({ normal: 0, warning: 0, yellow: 0, red: 0 }, t).table.rows).toEqual([])
  })

  it('should list the open statuses in handling order, zero where none, without concluded cases', () => {
    expect(statusRows({ handling: 3, concluded: 40, submitted: 1 })).toEqual([{ status: 'submitted', n: 1 }, { status: 'awaitingSupplement', n: 0 }, { status: 'handling', n: 3 }, { status: 'paused', n: 0 }])
  })

  it('should plot on-time rates as percentages and durations in days on a second axis', () => {
    const spec = departmentChart([{ departmentId: 'sc-mzw', name: '省民宗委', concluded: 40, onTimeRate: 0.925, avgDurationDays: 6.5 }, { departmentId: 'cd-scj', name: '市场监管局', concluded: 0, onTimeRate: null, avgDurationDays: null }], t)
    const [bars, line] = series(spec.option)
    expect(bars!.data).toEqual([92.5, null])
    expect(line!.data).toEqual([6.5, null])
    expect(targetOf(spec, 1, 0)!.filters).toEqual({ figure: 'byDepartment', departmentId: 'sc-mzw', status: 'concluded' })
    expect(spec.table.rows[1]).toEqual(['市场监管局', 0, '—', '—'])
  })

  it('should draw three trend lines and drill a point to that day and event', () => {
    const spec = trendChart([{ day: '2026-03-02', created: 5, concluded: 3, onTime: 2 }, { day: '2026-03-03', created: 4, concluded: 6, onTime: 6 }], t)
    expect(series(spec.option).map((s) => s.data)).toEqual([[5, 4], [3, 6], [2, 6]])
    expect(targetOf(spec, 2, 0)!.filters).toEqual({ figure: 'trend', day: '2026-03-02', event: 'onTime' })
  })

  it('should stack cards by level per department and drill to the card list', () => {
    const spec = cardsChart([{ departmentId: 'sc-mzw', name: '省民宗委', warning: 3, yellow: 1, red: 0 }], t)
    expect(series(spec.option).every((s) => s.stack === 'cards')).toBe(true)
    expect(targetOf(spec, 1, 0)).toEqual({ list: 'cards', filters: { figure: 'cards', departmentId: 'sc-mzw', cardLevel: 'yellow' } })
  })

  it('should merge ratings and complaints into one row per department', () => {
    const rows = interactionRows({ ratings: { byDepartment: [{ departmentId: 'b', departmentName: '乙', total: 9, bad: 2 }] }, complaints: { byDepartment: [{ departmentId: 'a', departmentName: '甲', total: 3, overdue: 1 }, { departmentId: 'b', departmentName: '乙', total: 1, overdue: 0 }] } })
    expect(rows).toEqual([
      { departmentId: 'a', name: '甲', ratings: 0, bad: 0, complaints: 3, complaintsOverdue: 1 },
      { departmentId: 'b', name: '乙', ratings: 9, bad: 2, complaints: 1, complaintsOverdue: 0 },
    ])
  })

  it('should drill 差评 to the bad ratings and overdue complaints to the overdue complaints of the department', () => {
    const spec = interactionsChart([{ departmentId: 'a', name: '甲', ratings: 9, bad: 2, complaints: 3, complaintsOverdue: 1 }], t)
    expect(targetOf(spec, 1, 0)).toEqual({ list: 'ratings', filters: { departmentId: 'a', bad: true } })
    expect(targetOf(spec, 3, 0)).toEqual({ list: 'complaints', filters: { departmentId: 'a', level: 'overdue' } })
  })

  it('should not drill outside the figures', () => {
    const spec = interactionsChart([], t)
    expect(targetOf(spec, 5, 0)).toBeUndefined()
    expect(targetOf(spec, undefined, 0)).toBeUndefined()
  })

  it('should enable the ARIA description of every chart and keep options free of functions', () => {
    const spec = statusChart([{ status: 'handling', n: 1 }], t)
    expect((spec.option.aria as { enabled: boolean }).enabled).toBe(true)
    expect(JSON.stringify(spec.option)).toBe(JSON.stringify(JSON.parse(JSON.stringify(spec.option))))
  })
})
