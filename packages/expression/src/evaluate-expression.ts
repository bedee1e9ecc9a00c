import type { EvaluateOptions } from './evaluate'
import { evaluate } from './evaluate'
import type { ExpressionError } from './expression-error'
import { toExpressionError } from './expression-error'
import { parseExpression } from './parse-expression'

export type EvaluateExpressionResult = { ok: true; value: unknown } | { ok: false; error: ExpressionError }

/** Parses and evaluates `source`; never throws, failures are returned. */
export function evaluateExpression(source: string, scope: Record<string, unknown>, options?: EvaluateOptions): EvaluateExpressionResult {
  const parsed = parseExpression(source)
  if (!parsed.ok) return parsed
  try {
    return { ok: true, value: evaluate(parsed.ast, scope, options) }
  } catch (caught) {
    return { ok: false, error: toExpressionError(caught) }
  }
}
