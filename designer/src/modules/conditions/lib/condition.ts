import { parseExpression, type ExprNode } from '@sunlight/expression'
import { literalText, pathOf } from './expression-print'

/**
 * The visual condition builder's model and its translation to and from the safe expression
 * language. The builder never executes anything: it writes source text such as
 * `form.amount >= 10000 && form.type === 'yes'`, which the safe evaluator runs later.
 */
export type Operator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'includes' | 'notIncludes' | 'empty' | 'notEmpty' | 'isTrue' | 'isFalse'
export type Literal = string | number | boolean | null

export interface ConditionRule {
  kind: 'rule'
  left: string
  op: Operator
  value?: Literal
}

export interface ConditionGroup {
  kind: 'group'
  combinator: 'and' | 'or'
  items: (ConditionRule | ConditionGroup)[]
}

export type OperandType = 'string' | 'number' | 'boolean' | 'array'

/** Something a condition can test: a form field, a case fact, an event fact. */
export interface Operand {
  path: string
  label: string
  type: OperandType
  options?: { label: string; value: string | number | boolean }[]
}

const BINARY: Partial<Record<Operator, string>> = { eq: '===', ne: '!==', gt: '>', ge: '>=', lt: '<', le: '<=' }
const FROM_BINARY: Record<string, Operator> = { '===': 'eq', '==': 'eq', '!==': 'ne', '!=': 'ne', '>': 'gt', '>=': 'ge', '<': 'lt', '<=': 'le' }

export const operatorsFor = (type: OperandType): Operator[] =>
  type === 'number' ? ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'empty', 'notEmpty']
  : type === 'boolean' ? ['isTrue', 'isFalse']
  : type === 'array' ? ['includes', 'notIncludes', 'empty', 'notEmpty']
  : ['eq', 'ne', 'includes', 'notIncludes', 'empty', 'notEmpty']

export const needsValue = (op: Operator): boolean => !['empty', 'notEmpty', 'isTrue', 'isFalse'].includes(op)

export const emptyGroup = (combinator: 'and' | 'or' = 'and'): ConditionGroup => ({ kind: 'group', combinator, items: [] })

function ruleText(r: ConditionRule, ref: (path: string) => string): string {
  const x = ref(r.left)
  const v = literalText(r.value ?? null)
  const bin = BINARY[r.op]
  if (bin) return `${x} ${bin} ${v}`
  switch (r.op) {
    case 'includes':
      return `includes(${x}, ${v})`
    case 'notIncludes':
      return `!includes(${x}, ${v})`
    case 'empty':
      return `isEmpty(${x})`
    case 'notEmpty':
      return `!isEmpty(${x})`
    case 'isTrue':
      return `${x} === true`
    default:
      return `${x} !== true`
  }
}

/** Source text of a group; '' for an empty group. `ref` maps an operand path to its text in the target scope. */
export function buildExpression(group: ConditionGroup, ref: (path: string) => string = (p) => p): string {
  const parts = group.items
    .map((it) => (it.kind === 'rule' ? (it.left ? ruleText(it, ref) : '') : wrap(buildExpression(it, ref), it)))
    .filter((s) => s !== '')
  return parts.join(group.combinator === 'and' ? ' && ' : ' || ')
}

const wrap = (s: string, g: ConditionGroup) => (s && g.items.length > 1 ? `(${s})` : s)

function literalOf(n: ExprNode): { ok: true; value: Literal } | { ok: false } {
  if (n.type === 'Literal') return n.value === undefined ? { ok: true, value: null } : { ok: true, value: n.value }
  if (n.type === 'Unary' && n.operator === '-' && n.argument.type === 'Literal' && typeof n.argument.value === 'number') return { ok: true, value: -n.argument.value }
  return { ok: false }
}

function ruleOf(n: ExprNode, unref: (text: string) => string | undefined): ConditionRule | undefined {
  const leftPath = (x: ExprNode) => {
    const p = pathOf(x)
    return p === undefined ? undefined : unref(p)
  }
  if (n.type === 'Binary' && FROM_BINARY[n.operator]) {
    const left = leftPath(n.left)
    const lit = literalOf(n.right)
    if (left === undefined || !lit.ok) return undefined
    const op = FROM_BINARY[n.operator] as Operator
    if (lit.value === true && op === 'eq') return { kind: 'rule', left, op: 'isTrue' }
    if (lit.value === true && op === 'ne') return { kind: 'rule', left, op: 'isFalse' }
    return { kind: 'rule', left, op, value: lit.value }
  }
  const negated = n.type === 'Unary' && n.operator === '!'
  const call = negated ? n.argument : n
  if (call.type === 'Call' && (call.callee === 'includes' || call.callee === 'contains') && call.args.length === 2) {
    const left = leftPath(call.args[0] as ExprNode)
    const lit = literalOf(call.args[1] as ExprNode)
    if (left === undefined || !lit.ok) return undefined
    return { kind: 'rule', left, op: negated ? 'notIncludes' : 'includes', value: lit.value }
  }
  if (call.type === 'Call' && call.callee === 'isEmpty' && call.args.length === 1) {
    const left = leftPath(call.args[0] as ExprNode)
    return left === undefined ? undefined : { kind: 'rule', left, op: negated ? 'notEmpty' : 'empty' }
  }
  return undefined
}

function groupOf(n: ExprNode, unref: (text: string) => string | undefined): ConditionGroup | undefined {
  if (n.type === 'Logical' && (n.operator === '&&' || n.operator === '||')) {
    const combinator = n.operator === '&&' ? 'and' : 'or'
    const items: ConditionGroup['items'] = []
    for (const side of [n.left, n.right]) {
      const sameOp = side.type === 'Logical' && side.operator === n.operator
      const g = groupOf(side, unref)
      if (!g) return undefined
      if (sameOp || g.items.length === 1) items.push(...g.items)
      else items.push(g)
    }
    return { kind: 'group', combinator, items }
  }
  const r = ruleOf(n, unref)
  return r ? { kind: 'group', combinator: 'and', items: [r] } : undefined
}

/**
 * The builder model of an expression, or null when the expression is valid but has a shape the
 * builder cannot show (it is then kept as text). Empty text gives an empty group.
 */
export function parseCondition(source: string | undefined, unref: (text: string) => string | undefined = (t) => t): ConditionGroup | null {
  if (!source || !source.trim()) return emptyGroup()
  const parsed = parseExpression(source)
  if (!parsed.ok) return null
  return groupOf(parsed.ast, unref) ?? null
}

/** Checks hand-written text: undefined when it parses, else the parser's message (zh or en). */
export function expressionError(source: string, locale: 'zh' | 'en' = 'zh'): string | undefined {
  if (!source.trim()) return undefined
  const r = parseExpression(source)
  if (r.ok) return undefined
  return locale === 'zh' ? `${r.error.messageZh}（位置 ${r.error.offset}）` : `${r.error.message} (at ${r.error.offset})`
}
