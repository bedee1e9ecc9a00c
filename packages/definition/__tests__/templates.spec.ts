import { describe, expect, it } from 'vitest'
import { defaultDictionaries, validateDefinition } from '../src/index'
import { loadTemplate, templateFiles } from './helpers'

describe('definition/templates', () => {
  const files = templateFiles()

  it('should ship at least ten templates', () => {
    expect(files.length).toBeGreaterThanOrEqual(10)
  })

  it.each(files)('%s should validate with no errors and no warnings', (file) => {
    expect(validateDefinition(loadTemplate(file))).toEqual([])
  })

  it('should cover every category 01–10', () => {
    const categories = new Set(files.map((f) => loadTemplate(f).item.category))
    expect([...categories].sort()).toEqual(defaultDictionaries.category.map((c) => c.code))
  })

  it('should include at least two penalty items with discretion standards', () => {
    const withDiscretion = files.map(loadTemplate).filter((t) => t.item.category === '02' && (t.discretion ?? []).length > 0)
    expect(withDiscretion.length).toBeGreaterThanOrEqual(2)
  })

  it('should include an item with a parallel review by two units and one with a hearing', () => {
    const all = files.map(loadTemplate)
    const parallel = all.filter((t) => t.flow.nodes.some((n: { type: string }) => n.type === 'parallel'))
    const hearing = all.filter((t) => (t.timeLimits.specialProcedures ?? []).some((s: { type: string }) => s.type === 'hearing'))
    expect(parallel.length).toBeGreaterThanOrEqual(1)
    expect(hearing.length).toBeGreaterThanOrEqual(1)
  })

  it('should point every template at the editors JSON Schema', () => {
    for (const f of files) expect(loadTemplate(f).$schema).toBe('../packages/definition/schema/power-item.schema.json')
  })

  it('should use a unique key per template', () => {
    const keys = files.map((f) => loadTemplate(f).key)
    expect(new Set(keys).size).toBe(keys.length)
  })
})
