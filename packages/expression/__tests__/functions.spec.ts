import { describe, expect, it } from 'vitest'
import { builtinFunctionNames } from '../src/index'
import { errorOf, valueOf } from './helpers'

describe('expression/functions', () => {
  it('lists the built-in names, sorted', () => {
    expect(builtinFunctionNames).toEqual([
      'abs', 'ceil', 'contains', 'count', 'daysBetween', 'endsWith', 'floor', 'includes', 'isEmpty', 'len',
      'lower', 'max', 'min', 'number', 'round', 'startsWith', 'string', 'sum', 'trim', 'upper',
    ])
  })

  it('len counts strings, arrays and plain object keys; missing is 0', () => {
    expect(valueOf("len('abc') + len([1, 2]) + len({ a: 1 }) + len(missing)")).toBe(6)
  })

  it('includes and contains look into arrays and strings', () => {
    expect(valueOf("includes(['a', 'b'], 'b')")).toBe(true)
    expect(valueOf("contains('hello', 'ell')")).toBe(true)
    expect(valueOf("includes(missing, 'x')")).toBe(false)
  })

  it('startsWith and endsWith test strings', () => {
    expect(valueOf("startsWith('3301', '33') && endsWith('report.pdf', '.pdf')")).toBe(true)
  })

  it('isEmpty is true for null, undefined, empty string, array and object', () => {
    expect(valueOf("isEmpty(null) && isEmpty(missing) && isEmpty('') && isEmpty([]) && isEmpty({})")).toBe(true)
    expect(valueOf("isEmpty(0) || isEmpty(' ') || isEmpty([0]) || isEmpty({ a: 1 })")).toBe(false)
  })

  it('abs, floor and ceil work on numbers', () => {
    expect(valueOf('abs(-2) + floor(1.7) + ceil(1.2)')).toBe(5)
  })

  it('min and max accept numbers or one array and skip missing values', () => {
    expect(valueOf('min(3, 1, 2)')).toBe(1)
    expect(valueOf('max([3, 9, 2])')).toBe(9)
    expect(valueOf('max(a, 4)', {})).toBe(4)
    expect(valueOf('min([])')).toBeUndefined()
  })

  it('round rounds half away from zero, with optional digits', () => {
    expect(valueOf('round(2.5)')).toBe(3)
    expect(valueOf('round(-2.5)')).toBe(-3)
    expect(valueOf('round(1.005, 2)')).toBe(1.01)
    expect(valueOf('round(1234.5, -2)')).toBe(1200)
  })

  it('number converts strings and booleans; blank stays undefined', () => {
    expect(valueOf("number(' 12.5 ') + number(true)")).toBe(13.5)
    expect(valueOf("number('')")).toBeUndefined()
    expect(valueOf("number('abc')")).toBeNaN()
  })

  it('string, lower, upper and trim handle text', () => {
    expect(valueOf("string(12) + string(missing) + lower('AB') + upper('cd') + trim('  e ')")).toBe('12abCDe')
  })

  it('sum adds numbers skipping missing ones; count counts present elements', () => {
    expect(valueOf('sum([1, 2, null, 3])')).toBe(6)
    expect(valueOf('count([1, null, 0, missing])')).toBe(2)
    expect(valueOf('sum(missing) + count(missing)')).toBe(0)
  })


  it('daysBetween returns whole calendar days between ISO dates', () => {
    expect(valueOf("daysBetween('2024-02-28', '2024-03-01')")).toBe(2)
    expect(valueOf("daysBetween('2023-12-31', '2023-01-01')")).toBe(-364)
    expect(valueOf("daysBetween('2024-01-01T23:59:00', '2024-01-02')")).toBe(1)
    expect(valueOf("daysBetween(missing, '2024-01-02')")).toBeUndefined()
  })

  it('daysBetween rejects invalid dates', () => {
    expect(errorOf("daysBetween('2023-02-29', '2023-03-01')").code).toBe('expr.type')
    expect(errorOf("daysBetween('20230101', '2023-03-01')").code).toBe('expr.type')
  })

  it('reports wrong argument types and counts as expr.type at the call', () => {
    expect(errorOf("x + lower(1)", { x: 'a' })).toMatchObject({ code: 'expr.type', offset: 4 })
    expect(errorOf('len()').code).toBe('expr.type')
  })

  it('reports unknown functions', () => {
    expect(errorOf('nope(1)')).toMatchObject({ code: 'expr.unknown_function', offset: 0 })
  })

  it('calls extra functions passed in options', () => {
    expect(valueOf('double(x)', { x: 2 }, { functions: { double: (v) => (v as number) * 2 } })).toBe(4)
  })

  it('lets an extra function replace a built-in of the same name', () => {
    expect(valueOf('len(1)', {}, { functions: { len: () => 42 } })).toBe(42)
  })

  it('turns an exception from an extra function into an evaluation error', () => {
    const failing = () => {
      throw new Error('boom')
    }
    expect(errorOf('f()', {}, { functions: { f: failing } })).toMatchObject({ code: 'expr.type', offset: 0 })
  })

  it('refuses an extra function that returns a function', () => {
    expect(errorOf('f()', {}, { functions: { f: () => () => 1 } }).code).toBe('expr.forbidden')
  })
})
