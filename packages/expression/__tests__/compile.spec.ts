import { describe, expect, it } from 'vitest'
import { compileExpression, evaluateExpression, ExpressionEvaluationError } from '../src/index'

describe('expression/compile', () => {
  it('returns a reusable evaluator', () => {
    const isLarge = compileExpression('amount >= 10000')
    expect(isLarge({ amount: 20000 })).toBe(true)
    expect(isLarge({ amount: 5 })).toBe(false)
  })

  it('passes options to the evaluator', () => {
    const run = compileExpression('twice(x)')
    expect(run({ x: 3 }, { functions: { twice: (v) => (v as number) * 2 } })).toBe(6)
  })

  it('throws ExpressionEvaluationError with code and messages on a parse error', () => {
    try {
      compileExpression('1 +')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionEvaluationError)
      expect(error).toMatchObject({ code: 'expr.syntax', offset: 3 })
      expect((error as ExpressionEvaluationError).messageZh).not.toBe('')
    }
  })

  it('throws ExpressionEvaluationError when evaluation is refused', () => {
    expect(() => compileExpression("a['constructor']")({ a: {} })).toThrow(ExpressionEvaluationError)
  })

  it('keeps working after more distinct sources than the cache holds', () => {
    for (let i = 0; i < 600; i += 1) expect(compileExpression(`${i} + 1`)({})).toBe(i + 1)
    expect(compileExpression('0 + 1')({})).toBe(1)
  })

  it('evaluateExpression never throws, even for a throwing scope getter', () => {
    const scope = {
      get bad(): unknown {
        throw new Error('getter failed')
      },
    }
    expect(evaluateExpression('bad', scope)).toMatchObject({ ok: false, error: { code: 'expr.type', offset: 0 } })
  })
})
