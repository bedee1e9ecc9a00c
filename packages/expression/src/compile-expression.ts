import type { ExprNode } from './ast'
import type { EvaluateOptions } from './evaluate'
import { evaluate } from './evaluate'
import { ExpressionEvaluationError } from './expression-error'
import { parseExpression } from './parse-expression'

export type CompiledExpression = (scope: Record<string, unknown>, options?: EvaluateOptions) => unknown

const CACHE_LIMIT = 500
const cache = new Map<string, ExprNode>()

function parseCached(source: string): ExprNode {
  const cached = cache.get(source)
  if (cached) return cached
  const parsed = parseExpression(source)
  if (!parsed.ok) {
    const { code, message, messageZh, offset } = parsed.error
    throw new ExpressionEvaluationError(code, message, messageZh, offset)
  }
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next()
    if (!oldest.done) cache.delete(oldest.value)
  }
  cache.set(source, parsed.ast)
  return parsed.ast
}

/** Parses `source` once (cached by source text) and returns an evaluator; throws on a parse error. */
export function compileExpression(source: string): CompiledExpression {
  const ast = parseCached(source)
  return (scope, options) => evaluate(ast, scope, options)
}
