import type { CallNode, ExprNode, MemberNode } from './ast'
import type { BuiltinFunction } from './builtin-functions'
import { builtinFunctions } from './builtin-functions'
import { ExpressionEvaluationError, toExpressionError } from './expression-error'
import { DEFAULT_MAX_STEPS, isForbiddenName } from './limits'
import { readIdentifier, readMember } from './member-access'
import { applyBinary, applyUnary, typeName } from './operators'

export interface EvaluateOptions {
  /** Extra pure functions callable by bare name; a name equal to a built-in replaces it. */
  functions?: Record<string, (...args: unknown[]) => unknown>
  /** Node visits (plus elements walked by built-ins) allowed; default 10000. */
  maxSteps?: number
}

type CustomFunction = (...args: unknown[]) => unknown

interface Context {
  scope: unknown
  custom: Record<string, CustomFunction> | undefined
  steps: number
  maxSteps: number
}

/** Copies the caller's functions into a null-prototype map (own, function-valued entries only). */
function customFunctions(functions: EvaluateOptions['functions']): Record<string, CustomFunction> | undefined {
  if (functions === null || typeof functions !== 'object') return undefined
  const map = Object.create(null) as Record<string, CustomFunction>
  for (const name of Object.keys(functions)) {
    const fn = functions[name]
    if (typeof fn === 'function' && !isForbiddenName(name)) map[name] = fn
  }
  return map
}

function charge(context: Context, steps: number): void {
  context.steps += steps
  if (context.steps > context.maxSteps) {
    throw new ExpressionEvaluationError(
      'expr.budget',
      `Evaluation exceeded the budget of ${context.maxSteps} steps`,
      `表达式求值超过 ${context.maxSteps} 步的预算`,
    )
  }
}

function propertyKey(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  throw new ExpressionEvaluationError('expr.type', `Property key must be a string or a number, got ${typeName(value)}`, `属性键必须是字符串或数字，实际为 ${typeName(value)}`)
}

function forbidden(name: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError('expr.forbidden', `Access to '${name}' is forbidden`, `禁止访问“${name}”`)
}

function visitMember(node: MemberNode, context: Context): unknown {
  const object = visit(node.object, context)
  if (node.optional && (object === null || object === undefined)) return undefined
  const key = node.computed ? propertyKey(visit(node.property, context)) : node.property
  // Point errors at the property rather than at the start of the whole chain.
  const offset = node.computed ? node.property.start : node.end - String(key).length
  try {
    if (typeof key !== 'string') throw forbidden(String(key))
    return readMember(object, key)
  } catch (caught) {
    throw caught instanceof ExpressionEvaluationError ? caught.at(offset) : caught
  }
}

function visitCall(node: CallNode, context: Context): unknown {
  const custom = context.custom?.[node.callee]
  const builtin: BuiltinFunction | undefined = builtinFunctions[node.callee]
  if (custom === undefined && builtin === undefined) {
    throw new ExpressionEvaluationError('expr.unknown_function', `Unknown function '${node.callee}'`, `未知函数“${node.callee}”`)
  }
  const args = node.args.map((arg) => visit(arg, context))
  const result = custom !== undefined
    ? Reflect.apply(custom, undefined, args)
    : (builtin as BuiltinFunction)(args, (steps) => charge(context, steps))
  if (typeof result === 'function') throw new ExpressionEvaluationError('expr.forbidden', `Function '${node.callee}' returned a function`, `函数“${node.callee}”返回了函数`)
  return result
}

function visitNode(node: ExprNode, context: Context): unknown {
  switch (node.type) {
    case 'Literal': {
      const value: unknown = node.value
      if (value !== null && typeof value === 'object') throw forbidden('literal object')
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') throw forbidden(`literal ${typeof value}`)
      return value
    }
    case 'Identifier':
      return readIdentifier(context.scope, node.name)
    case 'Array':
      return node.elements.map((element) => visit(element, context))
    case 'Object': {
      const result: Record<string, unknown> = {}
      for (const { key, value } of node.properties) {
        if (isForbiddenName(key)) throw forbidden(key)
        Object.defineProperty(result, key, { value: visit(value, context), enumerable: true, writable: true, configurable: true })
      }
      return result
    }
    case 'Member':
      return visitMember(node, context)
    case 'Call':
      return visitCall(node, context)
    case 'Unary':
      return applyUnary(node.operator, visit(node.argument, context))
    case 'Binary': {
      const left = visit(node.left, context)
      const right = visit(node.right, context)
      if (node.operator === 'in' && Array.isArray(right)) charge(context, right.length)
      return applyBinary(node.operator, left, right)
    }
    case 'Logical': {
      const left = visit(node.left, context)
      if (node.operator === '&&') return left ? visit(node.right, context) : left
      if (node.operator === '||') return left ? left : visit(node.right, context)
      return left === null || left === undefined ? visit(node.right, context) : left
    }
    case 'Conditional':
      return visit(node.test, context) ? visit(node.consequent, context) : visit(node.alternate, context)
    default:
      throw new ExpressionEvaluationError('expr.syntax', 'Unknown syntax node', '未知的语法节点')
  }
}

/** Visits one node, charging the budget and giving position-less errors this node's offset. */
function visit(node: ExprNode, context: Context): unknown {
  const offset = typeof node.start === 'number' ? node.start : -1
  try {
    charge(context, 1)
    return visitNode(node, context)
  } catch (caught) {
    if (caught instanceof ExpressionEvaluationError) throw caught.at(offset)
    const error = toExpressionError(caught, offset)
    throw new ExpressionEvaluationError(error.code, error.message, error.messageZh, offset)
  }
}

/**
 * Evaluates a parsed expression against `scope`. Throws ExpressionEvaluationError on forbidden
 * access, an exhausted budget, an unknown function or a type error.
 */
export function evaluate(ast: ExprNode, scope: Record<string, unknown>, options?: EvaluateOptions): unknown {
  const maxSteps = options?.maxSteps
  const context: Context = {
    scope,
    custom: customFunctions(options?.functions),
    steps: 0,
    maxSteps: typeof maxSteps === 'number' && maxSteps >= 0 ? maxSteps : DEFAULT_MAX_STEPS,
  }
  return visit(ast, context)
}
