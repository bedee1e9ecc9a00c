import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDefinition, validateDefinition } from '../src/index'
import { religious } from './helpers'

describe('definition/structure', () => {
  it('should name a missing required field by its path', () => {
    const def = religious()
    delete def.item.name
    expect(validateDefinition(def)).toContainEqual(expect.objectContaining({ code: 'structure.required', path: '/item/name' }))
  })

  it('should name an unknown property', () => {
    const def = religious()
    def.item.colour = 'red'
    expect(validateDefinition(def)).toContainEqual(expect.objectContaining({ code: 'structure.unknown_key', path: '/item/colour' }))
  })

  it('should give a wrong type in both languages', () => {
    const def = religious()
    def.item.statutoryLimit.value = 'thirty'
    const d = validateDefinition(def).find((x) => x.path === '/item/statutoryLimit/value')
    expect(d?.code).toBe('structure.invalid')
    expect(d?.messageZh).toContain('应为数字')
    expect(d?.message).toContain('/item/statutoryLimit/value')
  })

  it('should refuse an unsupported schemaVersion before anything else', () => {
    const def = religious()
    def.schemaVersion = 2
    expect(validateDefinition(def)).toEqual([expect.objectContaining({ code: 'structure.schema_version', path: '/schemaVersion' })])
  })

  it('should fill in defaults on a valid definition', () => {
    const { definition } = parseDefinition(religious())
    expect(definition?.timeLimits.warnings.warningBeforePromised).toEqual({ value: 2, unit: 'workdays' })
    expect(definition?.monitoringPoints.length).toBe(3)
  })

  it('should never throw, whatever it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const d = validateDefinition(v)
        expect(Array.isArray(d)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('should never throw on mutated templates, and name a path for every diagnostic', () => {
    const base = religious()
    const paths: (string | number)[][] = []
    const collect = (v: unknown, p: (string | number)[]) => {
      paths.push(p)
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) collect(x, [...p, Array.isArray(v) ? Number(k) : k])
    }
    collect(base, [])
    fc.assert(
      fc.property(fc.integer({ min: 1, max: paths.length - 1 }), fc.jsonValue(), (i, value) => {
        const def = structuredClone(base)
        const p = paths[i] as (string | number)[]
        let cur: any = def
        for (const seg of p.slice(0, -1)) cur = cur[seg]
        cur[p[p.length - 1] as string] = value
        for (const d of validateDefinition(def)) {
          expect(d.path).toMatch(/^(\/|$)/)
          expect(d.message.length).toBeGreaterThan(0)
          expect(d.messageZh.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 500 },
    )
  })
})
