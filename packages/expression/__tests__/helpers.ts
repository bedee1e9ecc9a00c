import { expect } from 'vitest'
import type { EvaluateOptions, ExpressionError } from '../src/index'
import { evaluateExpression } from '../src/index'

/** Value of `source`, failing the test when evaluation does not succeed. */
export function valueOf(source: string, scope: Record<string, unknown> = {}, options?: EvaluateOptions): unknown {
  const result = evaluateExpression(source, scope, options)
  if (!result.ok) throw new Error(`${source}: ${result.error.code} ${result.error.message}`)
  return result.value
}

/** Error of `source`, failing the test when evaluation succeeds. */
export function errorOf(source: string, scope: Record<string, unknown> = {}, options?: EvaluateOptions): ExpressionError {
  const result = evaluateExpression(source, scope, options)
  expect(result.ok, `${source} should fail`).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.error
}

/** Global sentinel an injection would set. */
export function sentinel(): unknown {
  return (globalThis as Record<string, unknown>).__pwned
}
