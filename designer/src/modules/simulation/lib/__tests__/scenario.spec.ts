import { createCalendar, officialSchedule } from '@sunlight/calendar'
import { parseDefinition, type PowerItemDefinition } from '@sunlight/definition'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateScenario } from '../scenario'

const cal = createCalendar(officialSchedule)
const dir = resolve(__dirname, '../../../../../../templates')
const templates = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({ name: f, def: parseDefinition(JSON.parse(readFileSync(resolve(dir, f), 'utf8'))).definition as PowerItemDefinition }))

describe('simulation/scenario', () => {
  it('should drive every template to its end on the happy path', () => {
    for (const { name, def } of templates) {
      const g = generateScenario(def, cal, '2026-03-02', 'happy')
      expect(g.stopped, name).toBeUndefined()
      expect(g.result.state?.status, name).toBe('concluded')
      expect(g.result.entries.every((e) => e.outcome !== 'refused'), name).toBe(true)
    }
  })
  it('should pause for 补正 and special procedures on the worst path', () => {
    const { def } = templates.find((x) => x.name === 'religious-venue-preparation.json')!
    const g = generateScenario(def, cal, '2026-03-02', 'worst')
    expect(g.stopped).toBeUndefined()
    const types = g.script.steps.map((s) => ('command' in s ? s.command.type : 'tick'))
    expect(types).toContain('requestSupplement')
    expect(types).toContain('supplement')
    if (def.timeLimits.specialProcedures.length) expect(types).toContain('startSpecialProcedure')
    expect(g.result.state?.status).toBe('concluded')
  })
  it('should finish later on the worst path than on the happy path', () => {
    const { def } = templates[0]!
    const happy = generateScenario(def, cal, '2026-03-02', 'happy').result.entries.at(-1)!.at
    const worst = generateScenario(def, cal, '2026-03-02', 'worst').result.entries.at(-1)!.at
    expect(worst > happy).toBe(true)
  })
})
