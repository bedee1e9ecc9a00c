import { parseExpression } from '@sunlight/expression'
import { describe, expect, it } from 'vitest'
import { buildExpression, parseCondition, type ConditionGroup } from '../condition'
import { printExpression } from '../expression-print'

const group = (combinator: 'and' | 'or', ...items: ConditionGroup['items']): ConditionGroup => ({ kind: 'group', combinator, items })

describe('conditions/buildExpression', () => {
  it('should write comparisons over form fields', () => {
    const g = group('and', { kind: 'rule', left: 'form.amount', op: 'ge', value: 10000 }, { kind: 'rule', left: 'form.type', op: 'eq', value: 'yes' })
    expect(buildExpression(g)).toBe("form.amount >= 10000 && form.type === 'yes'")
  })
  it('should map paths through ref (Formily $deps)', () => {
    const deps: string[] = []
    const ref = (p: string) => {
      if (!deps.includes(p)) deps.push(p)
      return `$deps[${deps.indexOf(p)}]`
    }
    expect(buildExpression(group('and', { kind: 'rule', left: 'entrusted', op: 'isTrue' }), ref)).toBe('$deps[0] === true')
    expect(deps).toEqual(['entrusted'])
  })
  it('should parenthesise nested groups and escape quotes', () => {
    const g = group('or', { kind: 'rule', left: 'form.a', op: 'eq', value: "it's" }, group('and', { kind: 'rule', left: 'form.b', op: 'empty' }, { kind: 'rule', left: 'form.c', op: 'includes', value: 'x' }))
    const src = buildExpression(g)
    expect(src).toBe("form.a === 'it\\'s' || (isEmpty(form.b) && includes(form.c, 'x'))")
    expect(parseExpression(src).ok).toBe(true)
  })
  it('should skip rules without an operand', () => {
    expect(buildExpression(group('and', { kind: 'rule', left: '', op: 'eq', value: 1 }))).toBe('')
  })
})

describe('conditions/parseCondition', () => {
  it('should round-trip what the builder writes', () => {
    const g = group('or', { kind: 'rule', left: 'form.a', op: 'ne', value: 'x' }, group('and', { kind: 'rule', left: 'form.b', op: 'notEmpty' }, { kind: 'rule', left: 'form.n', op: 'lt', value: -5 }))
    expect(parseCondition(buildExpression(g))).toEqual(g)
  })
  it('should read template linkage with $deps through unref', () => {
    const g = parseCondition("$deps[0] === 'inconsistent'", (t) => (t === '$deps[0]' ? 'checkResult' : undefined))
    expect(g).toEqual(group('and', { kind: 'rule', left: 'checkResult', op: 'eq', value: 'inconsistent' }))
  })
  it('should read boolean tests as isTrue / isFalse', () => {
    expect(parseCondition('form.x === true')?.items[0]).toEqual({ kind: 'rule', left: 'form.x', op: 'isTrue' })
  })
  it('should give null for valid expressions it cannot show', () => {
    expect(parseCondition('$deps[1] > 0 ? round($deps[0] / $deps[1], 2) : 0')).toBeNull()
    expect(parseCondition('form.a + 1 > 2')).toBeNull()
  })
  it('should give null for text that does not parse and an empty group for no text', () => {
    expect(parseCondition('form.a ===')).toBeNull()
    expect(parseCondition('  ')).toEqual(group('and'))
  })
})

describe('conditions/printExpression', () => {
  const round = (src: string) => {
    const r = parseExpression(src)
    if (!r.ok) throw new Error(r.error.message)
    return printExpression(r.ast)
  }
  it('should print back equivalent source', () => {
    for (const src of ["a === 'x' && (b || c)", '(a + b) * c', 'a - (b - c)', '!isEmpty(form.x)', "x ? 'a' : 'b'", '(a ?? b) || c', '$deps[0].name', "{ visible: a > 1, 'k k': [1, 2] }", 'a?.[0]'])
      expect(round(round(src))).toBe(round(src))
    expect(round('(a + b) * c')).toBe('(a + b) * c')
    expect(round('a - (b - c)')).toBe('a - (b - c)')
    expect(round('(a ?? b) || c')).toBe('(a ?? b) || c')
  })
  it('should let callers rename references', () => {
    const r = parseExpression('$deps[0] > 1 && $deps[1]')
    if (!r.ok) throw new Error('parse')
    const names = ['amount', 'flag']
    const out = printExpression(r.ast, (n) => (n.type === 'Member' && n.computed && n.property.type === 'Literal' ? names[n.property.value as number] : undefined))
    expect(out).toBe('amount > 1 && flag')
  })
})
