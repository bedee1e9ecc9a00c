/** Machine-readable category of a parse or evaluation failure. */
export type ExpressionErrorCode =
  | 'expr.syntax'
  | 'expr.too_long'
  | 'expr.too_deep'
  | 'expr.too_many_nodes'
  | 'expr.forbidden'
  | 'expr.unknown_function'
  | 'expr.budget'
  | 'expr.type'

/** A failure described in English and Chinese, with the source offset it refers to. */
export interface ExpressionError {
  message: string
  messageZh: string
  /** Zero-based offset into the source; -1 when no position is known. */
  offset: number
  code: ExpressionErrorCode
}

/** Thrown by `evaluate` and `compileExpression`; never thrown by `parseExpression`/`evaluateExpression`. */
export class ExpressionEvaluationError extends Error {
  readonly code: ExpressionErrorCode
  readonly messageZh: string
  readonly offset: number

  constructor(code: ExpressionErrorCode, message: string, messageZh: string, offset = -1) {
    super(message)
    this.name = 'ExpressionEvaluationError'
    this.code = code
    this.messageZh = messageZh
    this.offset = offset
  }

  /** Plain-data form of this error. */
  toExpressionError(): ExpressionError {
    return { message: this.message, messageZh: this.messageZh, offset: this.offset, code: this.code }
  }

  /** Same error placed at `offset` when it has no position yet. */
  at(offset: number): ExpressionEvaluationError {
    if (this.offset >= 0) return this
    return new ExpressionEvaluationError(this.code, this.message, this.messageZh, offset)
  }
}

/** Converts anything caught into an ExpressionError (unknown errors become `expr.type`). */
export function toExpressionError(caught: unknown, offset = -1): ExpressionError {
  if (caught instanceof ExpressionEvaluationError) return caught.toExpressionError()
  if (caught instanceof RangeError) {
    return {
      code: 'expr.too_deep',
      message: 'Expression is nested too deeply',
      messageZh: '表达式嵌套层级过深',
      offset,
    }
  }
  const detail = caught instanceof Error ? caught.message : 'unknown failure'
  return {
    code: 'expr.type',
    message: `Expression failed: ${detail}`,
    messageZh: `表达式执行失败：${detail}`,
    offset,
  }
}
