import type { BinaryOperator, UnaryOperator } from './ast'
import { ExpressionEvaluationError } from './expression-error'
import { MAX_STRING_LENGTH } from './limits'
import { hasKey } from './member-access'

/** Short type name used in messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function typeError(en: string, zh: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError('expr.type', en, zh)
}

const isNullish = (value: unknown): value is null | undefined => value === null || value === undefined

/** String form of a primitive for concatenation; null/undefined become ''. */
function concatPart(value: unknown): string {
  if (typeof value === 'string') return value
  if (isNullish(value)) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw typeError(`Cannot concatenate a value of type ${typeName(value)}`, `不能拼接 ${typeName(value)} 类型的值`)
}

function concat(left: unknown, right: unknown): string {
  const a = concatPart(left)
  const b = concatPart(right)
  if (a.length + b.length > MAX_STRING_LENGTH) {
    throw new ExpressionEvaluationError('expr.budget', `String result longer than ${MAX_STRING_LENGTH} characters`, `字符串结果超过 ${MAX_STRING_LENGTH} 个字符`)
  }
  return a + b
}

function arithmetic(operator: '+' | '-' | '*' | '/' | '%', left: unknown, right: unknown): unknown {
  if (operator === '+' && (typeof left === 'string' || typeof right === 'string')) return concat(left, right)
  if (isNullish(left) || isNullish(right)) return undefined
  if (typeof left !== 'number' || typeof right !== 'number') {
    throw typeError(
      `Operator '${operator}' needs numbers, got ${typeName(left)} and ${typeName(right)}`,
      `运算符“${operator}”需要数字，实际为 ${typeName(left)} 和 ${typeName(right)}`,
    )
  }
  switch (operator) {
    case '+': return left + right
    case '-': return left - right
    case '*': return left * right
    case '/': return left / right
    case '%': return left % right
  }
}

function compare(operator: '<' | '<=' | '>' | '>=', left: unknown, right: unknown): boolean {
  if (isNullish(left) || isNullish(right)) return false
  const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string')
  if (!comparable) {
    throw typeError(
      `Operator '${operator}' compares two numbers or two strings, got ${typeName(left)} and ${typeName(right)}`,
      `运算符“${operator}”只能比较两个数字或两个字符串，实际为 ${typeName(left)} 和 ${typeName(right)}`,
    )
  }
  const a = left as number | string
  const b = right as number | string
  switch (operator) {
    case '<': return a < b
    case '<=': return a <= b
    case '>': return a > b
    case '>=': return a >= b
  }
}

/** Binary operators (logical operators are evaluated lazily by the evaluator). */
export function applyBinary(operator: BinaryOperator, left: unknown, right: unknown): unknown {
  switch (operator) {
    case '==':
    case '===':
      return left === right
    case '!=':
    case '!==':
      return left !== right
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(operator, left, right)
    case 'in':
      return hasKey(right, left)
    default:
      return arithmetic(operator, left, right)
  }
}

/** `!` is JavaScript truthiness; `-`/`+` need a number (null/undefined stay undefined). */
export function applyUnary(operator: UnaryOperator, value: unknown): unknown {
  if (operator === '!') return !value
  if (isNullish(value)) return undefined
  if (typeof value !== 'number') {
    throw typeError(`Unary '${operator}' needs a number, got ${typeName(value)}; use number(x)`, `一元“${operator}”需要数字，实际为 ${typeName(value)}，可使用 number(x)`)
  }
  return operator === '-' ? -value : value
}
