import { describe, expect, it } from 'vitest'
import { evaluate, ExpressionEvaluationError, parseExpression } from '../src/index'
import { errorOf, valueOf } from './helpers'

describe('expression/evaluate', () => {
  it('computes arithmetic', () => {
    expect(valueOf('1 + 2 * 3 - 4 / 2')).toBe(5)
    expect(valueOf('7 % 4')).toBe(3)
    expect(valueOf('1.5e2 + .5')).toBe(150.5)
  })

  it('honours parentheses and unary minus', () => {
    expect(valueOf('(1 + 2) * -3')).toBe(-9)
    expect(valueOf('- -2')).toBe(2)
  })

  it('concatenates strings, treating null and undefined as empty', () => {
    expect(valueOf("'a' + 1 + true")).toBe('a1true')
    expect(valueOf("'total: ' + missing")).toBe('total: ')
  })

  it('propagates undefined through arithmetic on missing values', () => {
    expect(valueOf('amount * 2', {})).toBeUndefined()
    expect(valueOf('amount * 2 > 100', {})).toBe(false)
  })

  it('refuses arithmetic on non-numbers instead of coercing', () => {
    expect(errorOf("'3' * 2")).toMatchObject({ code: 'expr.type', offset: 0 })
    expect(errorOf('[1] - 1').code).toBe('expr.type')
  })

  it('compares numbers and strings', () => {
    expect(valueOf('2 > 1 && 1 >= 1 && 1 < 2 && 2 <= 2')).toBe(true)
    expect(valueOf("'2024-01-02' > '2024-01-01'")).toBe(true)
  })

  it('returns false when comparing with null or undefined', () => {
    expect(valueOf('x > 1')).toBe(false)
    expect(valueOf('x <= 1', { x: null })).toBe(false)
  })

  it('refuses comparing a number with a string', () => {
    expect(errorOf("1 < '2'").code).toBe('expr.type')
  })

  it('treats == like === (no coercion)', () => {
    expect(valueOf("1 == '1'")).toBe(false)
    expect(valueOf('null == undefined')).toBe(false)
    expect(valueOf("1 != '1'")).toBe(true)
    expect(valueOf("'a' === 'a'")).toBe(true)
  })

  it('evaluates logical operators lazily and returns operands', () => {
    expect(valueOf("a && a.b", { a: null })).toBeNull()
    expect(valueOf("'' || 'fallback'")).toBe('fallback')
    expect(valueOf("0 ?? 'fallback'")).toBe(0)
    expect(valueOf("missing ?? 'fallback'")).toBe('fallback')
    expect(valueOf('!0 && !!1')).toBe(true)
  })

  it('does not evaluate the unused branch of && (no error from it)', () => {
    expect(valueOf("false && unknownFn()")).toBe(false)
  })

  it('evaluates the conditional operator right-associatively', () => {
    expect(valueOf("g == 'A' ? 1 : g == 'B' ? 2 : 3", { g: 'B' })).toBe(2)
  })

  it('supports in for arrays (membership) and objects (own keys)', () => {
    expect(valueOf("grade in ['A', 'B']", { grade: 'B' })).toBe(true)
    expect(valueOf("'a' in o", { o: { a: 1 } })).toBe(true)
    expect(valueOf("'toString' in o", { o: {} })).toBe(false)
    expect(valueOf('x in missing')).toBe(false)
  })

  it('reads members with dot, brackets and optional chaining', () => {
    const scope = { form: { amount: 5, list: [{ name: 'n' }] }, key: 'amount' }
    expect(valueOf('form.amount', scope)).toBe(5)
    expect(valueOf('form[key]', scope)).toBe(5)
    expect(valueOf('form.list[0].name', scope)).toBe('n')
    expect(valueOf('form?.list?.[0]?.name', scope)).toBe('n')
  })

  it('reads members of null or undefined leniently as undefined', () => {
    expect(valueOf('a.b.c', { a: null })).toBeUndefined()
    expect(valueOf('missing[0].x')).toBeUndefined()
  })

  it('reads only own properties of plain objects and arrays', () => {
    expect(valueOf('o.toString', { o: {} })).toBeUndefined()
    expect(valueOf('list.map', { list: [] })).toBeUndefined()
    expect(valueOf('o.inherited', { o: Object.create({ inherited: 1 }) as object })).toBe(1)
    expect(valueOf('o.inherited', { o: Object.assign(Object.create(null) as object, { x: 1 }) })).toBeUndefined()
  })

  it('reads length and indexes of strings and arrays', () => {
    expect(valueOf("'abc'.length + [1, 2].length")).toBe(5)
    expect(valueOf("s[1]", { s: 'abc' })).toBe('b')
    expect(valueOf("'abc'.toUpperCase")).toBeUndefined()
  })

  it('resolves identifiers only from own properties of the scope', () => {
    const scope = Object.create({ inherited: 1 }) as Record<string, unknown>
    scope.own = 2
    expect(valueOf('own', scope)).toBe(2)
    expect(valueOf('inherited', scope)).toBeUndefined()
    expect(valueOf('undefinedName')).toBeUndefined()
  })

  it('builds array and object literals', () => {
    expect(valueOf("[1, 'a', x]", { x: true })).toEqual([1, 'a', true])
    expect(valueOf("{ visible: $deps[0] === 'x', 'quoted key': 1, x }", { $deps: ['x'], x: 2 })).toEqual({ visible: true, 'quoted key': 1, x: 2 })
  })

  it('creates literal objects with Object.prototype so Formily sees plain objects', () => {
    expect(Object.getPrototypeOf(valueOf('{ a: 1 }'))).toBe(Object.prototype)
  })

  it('throws ExpressionEvaluationError from evaluate with code, offset and Chinese message', () => {
    const parsed = parseExpression("a + b['constructor']")
    if (!parsed.ok) throw new Error('parse failed')
    try {
      evaluate(parsed.ast, { a: 1, b: {} })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionEvaluationError)
      expect(error).toMatchObject({ code: 'expr.forbidden', offset: 6 })
      expect((error as ExpressionEvaluationError).messageZh).toContain('constructor')
    }
  })
})
