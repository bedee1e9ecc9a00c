import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { compileExpression, evaluateExpression, parseExpression } from '../src/index'
import { sentinel } from './helpers'

const setSentinel = (): void => {
  ;(globalThis as Record<string, unknown>).__pwned = true
}

class Instance {
  data = 1
  get getter(): number {
    return 2
  }
  method(): void {
    setSentinel()
  }
}

const scope: Record<string, unknown> = {
  a: { b: [1, 'x', null], c: { d: true } },
  n: 3,
  s: 'text',
  list: [1, 2, 3],
  $self: new Instance(),
  fn: setSentinel,
}

/** Fragments that are interesting to the parser, including hostile ones. */
const FRAGMENTS = [
  'a', 'n', 's', 'list', '$self', 'fn', 'globalThis', 'process', 'constructor', '__proto__', 'prototype', 'this', 'new',
  'Function', 'eval', 'len', 'sum', 'round', 'includes', 'true', 'null', 'undefined', 'in',
  '0', '1', '2.5', "'x'", '"y"', "'constructor'", "'__proto__'", "'('", '`',
  '.', '?.', '[', ']', '(', ')', '{', '}', ',', ':', '?', '!', '-', '+', '*', '/', '%',
  '<', '<=', '===', '!=', '&&', '||', '??', '=', '=>', '++', '\\', "'", '"', ' ',
]

const expressionText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 25 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 25 }).map((parts) => parts.join(' ')),
)

/** Well-formed expressions, so that evaluation paths are exercised too. */
const wellFormed = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'n', 's', 'list', '$self', 'fn', 'a.b', 'a.c.d', '$self.getter', '$self.method', 'list[1]', "a['constructor']", '1', "'x'", 'null'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '%', '<', '>=', '===', '!=', '&&', '||', 'in'), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(fc.constantFrom('!', '-'), tie('expr')).map(([op, e]) => `${op}${e}`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([t, c, e]) => `(${t} ? ${c} : ${e})`),
    fc.tuple(fc.constantFrom('len', 'sum', 'isEmpty', 'string', 'number', 'fn', 'round'), tie('expr')).map(([f, e]) => `${f}(${e})`),
    fc.tuple(tie('expr'), fc.constantFrom('b', 'length', 'getter', 'method', 'constructor')).map(([e, p]) => `${e}?.${p}`),
    tie('expr').map((e) => `[${e}, ${e}]`),
  ),
})).expr

describe('expression/property', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__pwned
  })

  it('parseExpression never throws on random text', () => {
    fc.assert(fc.property(expressionText, (source) => {
      const result = parseExpression(source)
      expect(typeof result.ok).toBe('boolean')
    }), { numRuns: 2000 })
  })

  it('evaluateExpression never throws and never runs code on random text', () => {
    fc.assert(fc.property(expressionText, (source) => {
      const result = evaluateExpression(source, scope)
      expect(typeof result.ok).toBe('boolean')
      if (!result.ok) expect(result.error.messageZh).not.toBe('')
      expect(sentinel()).toBeUndefined()
    }), { numRuns: 2000 })
  })

  it('well-formed expressions evaluate or fail cleanly, never running code', () => {
    fc.assert(fc.property(wellFormed, (source) => {
      const parsed = parseExpression(source)
      if (!parsed.ok) expect(parsed.error.code).toBe('expr.forbidden')
      const result = evaluateExpression(source, scope)
      expect(typeof result.ok).toBe('boolean')
      if (result.ok) expect(typeof result.value).not.toBe('function')
      expect(sentinel()).toBeUndefined()
    }), { numRuns: 1000 })
  })

  it('compileExpression only ever throws ExpressionEvaluationError', () => {
    fc.assert(fc.property(expressionText, (source) => {
      try {
        compileExpression(source)(scope)
      } catch (error) {
        expect((error as Error).name).toBe('ExpressionEvaluationError')
      }
      expect(sentinel()).toBeUndefined()
    }), { numRuns: 1000 })
  })
})
