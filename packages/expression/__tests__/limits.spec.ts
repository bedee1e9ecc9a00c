import { describe, expect, it } from 'vitest'
import type { ExprNode } from '../src/index'
import { evaluate, ExpressionEvaluationError, parseExpression } from '../src/index'
import { errorOf, valueOf } from './helpers'

function parseError(source: string) {
  const result = parseExpression(source)
  if (result.ok) throw new Error('should not parse')
  return result.error
}

describe('expression/limits', () => {
  it('accepts 4000 characters and rejects more', () => {
    expect(parseExpression(`'${'a'.repeat(3998)}'`).ok).toBe(true)
    expect(parseError(`'${'a'.repeat(3999)}'`)).toMatchObject({ code: 'expr.too_long', offset: 4000 })
  })

  it('accepts 60 nested parentheses and rejects 70', () => {
    expect(parseExpression(`${'('.repeat(60)}1${')'.repeat(60)}`).ok).toBe(true)
    expect(parseError(`${'('.repeat(70)}1${')'.repeat(70)}`).code).toBe('expr.too_deep')
  })

  it('counts unary operators and brackets towards depth', () => {
    expect(parseError(`${'!'.repeat(70)}a`).code).toBe('expr.too_deep')
    expect(parseError(`${'['.repeat(70)}${']'.repeat(70)}`).code).toBe('expr.too_deep')
  })

  it('rejects more than 2000 nodes', () => {
    expect(parseExpression(`${'1+'.repeat(999)}1`).ok).toBe(true)
    expect(parseError(`${'1+'.repeat(1100)}1`).code).toBe('expr.too_many_nodes')
  })

  it('stops evaluation when the step budget is exhausted', () => {
    expect(errorOf('1 + 1 + 1 + 1', {}, { maxSteps: 3 }).code).toBe('expr.budget')
    expect(valueOf('1 + 1 + 1 + 1', {}, { maxSteps: 7 })).toBe(4)
  })

  it('charges built-ins for the elements they walk', () => {
    const big = Array.from({ length: 20000 }, () => 1)
    expect(errorOf('sum(xs)', { xs: big }).code).toBe('expr.budget')
    expect(valueOf('sum(xs)', { xs: big }, { maxSteps: 30000 })).toBe(20000)
  })

  it('charges the in operator for the array it searches', () => {
    const big = Array.from({ length: 20000 }, (_, i) => i)
    expect(errorOf('-1 in xs', { xs: big }).code).toBe('expr.budget')
  })

  it('caps strings produced by + at 100000 characters', () => {
    const s = 'x'.repeat(60000)
    expect(errorOf('s + s', { s }).code).toBe('expr.budget')
    expect(valueOf('len(s + s)', { s: 'x'.repeat(50000) })).toBe(100000)
  })


  it('turns a hand-built tree deeper than the stack into an evaluation error', () => {
    const parsed = parseExpression('1')
    if (!parsed.ok) throw new Error('parse failed')
    let node: ExprNode = parsed.ast
    for (let i = 0; i < 200000; i += 1) node = { type: 'Unary', operator: '!', argument: node, start: 0, end: 1 }
    expect(() => evaluate(node, {}, { maxSteps: 1e9 })).toThrow(ExpressionEvaluationError)
  })
})
