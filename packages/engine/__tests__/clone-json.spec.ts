import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cloneJson } from '../src/clone-json'

describe('engine/cloneJson', () => {
  it('should copy any JSON value deeply: equal, and sharing no object with the original', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = cloneJson(v)
        expect(c).toEqual(v)
        const shared = (a: unknown, b: unknown): boolean =>
          a !== null && typeof a === 'object' && (a === b || Object.keys(a).some((k) => shared((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])))
        expect(shared(c, v)).toBe(false)
      }),
    )
  })

  it('should keep an own "__proto__" key as a plain key, never as the prototype', () => {
    const v = JSON.parse('{"a":{"__proto__":{"polluted":true}}}') as { a: Record<string, unknown> }
    const c = cloneJson(v)
    expect(Object.getPrototypeOf(c.a)).toBe(Object.prototype)
    expect(Object.keys(c.a)).toEqual(['__proto__'])
    expect((c.a as { polluted?: unknown }).polluted).toBeUndefined()
    expect(JSON.stringify(c)).toBe(JSON.stringify(v))
  })
})
