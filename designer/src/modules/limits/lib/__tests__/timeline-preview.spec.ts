import { createCalendar, officialSchedule } from '@sunlight/calendar'
import { parseDefinition, type PowerItemDefinition } from '@sunlight/definition'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { longestRoute } from '../longest-route'
import { defaultStartDay, timelinePreview } from '../timeline-preview'

const cal = createCalendar(officialSchedule)
const load = (name: string) => parseDefinition(JSON.parse(readFileSync(resolve(__dirname, `../../../../../../templates/${name}.json`), 'utf8'))).definition as PowerItemDefinition

describe('limits/timeline-preview', () => {
  it('should put the limits on working days across the National Day holiday', () => {
    const def = load('religious-venue-preparation')
    def.item.promisedLimit = { value: 5, unit: 'workdays' }
    def.item.statutoryLimit = { value: 10, unit: 'workdays' }
    const p = timelinePreview(def, cal, '2025-09-29')
    // 2025-10-01…08 are holidays; 09-28 and 10-11 are 调休 working days
    const m = Object.fromEntries(p.milestones.map((x) => [x.key, x.day]))
    expect(m.promised).toBe('2025-10-13')
    expect(p.days.find((d) => d.day === '2025-10-03')?.kind).toBe('holiday')
    expect(p.days.find((d) => d.day === '2025-10-11')?.kind).toBe('makeupWorkday')
    expect(m.yellow! > m.promised!).toBe(true)
    expect(m.red! > m.statutory!).toBe(true)
    expect(m.warning! <= m.promised!).toBe(true)
  })
  it('should lay the longest route of steps back to back', () => {
    const def = load('religious-venue-preparation')
    const p = timelinePreview(def, cal, '2026-03-02')
    expect(p.steps.length).toBe(longestRoute(def.flow).length)
    for (let i = 1; i < p.steps.length; i++) expect(p.steps[i]!.from).toBe(p.steps[i - 1]!.to)
  })
  it('should report a day outside the holiday table instead of guessing', () => {
    const def = load('religious-venue-preparation')
    const p = timelinePreview(def, cal, '2026-12-20')
    expect(p.unknownDay).toMatch(/^2027-/)
  })
  it('should choose a start day the table covers', () => {
    expect(defaultStartDay(cal, '2026-03-10')).toBe('2026-03-10')
    const d = defaultStartDay(cal, '2026-11-22')
    expect(d >= '2026-03-01' && d < '2026-04-01').toBe(true)
  })
})

describe('limits/longest-route', () => {
  it('should follow the branch with the larger step limits and skip returns', () => {
    const step = (id: string, days: number) => ({ id, type: 'step' as const, kind: 'handling' as const, name: id, post: 'handler', limit: { value: days, unit: 'workdays' as const }, operations: [], opinionRequired: false, fieldPermissions: {}, documents: [], public: true })
    const flow = {
      nodes: [{ id: 's', type: 'start' as const, name: 's' }, step('a', 2), { id: 'g', type: 'exclusive' as const, name: 'g' }, step('short', 1), step('long', 9), { id: 'e', type: 'end' as const, name: 'e', result: 'done' }],
      edges: [
        { id: '1', from: 's', to: 'a' },
        { id: '2', from: 'a', to: 'g' },
        { id: '3', from: 'g', to: 'short' },
        { id: '4', from: 'g', to: 'long' },
        { id: '5', from: 'short', to: 'e' },
        { id: '6', from: 'long', to: 'e' },
        { id: '7', from: 'long', to: 'a' },
      ],
    }
    expect(longestRoute(flow).map((s) => s.id)).toEqual(['a', 'long'])
  })
})
