import type { BinaryOperator, ExprNode, LogicalOperator, ObjectProperty, UnaryOperator } from './ast'
import type { ExpressionError } from './expression-error'
import { ExpressionEvaluationError, toExpressionError } from './expression-error'
import { isForbiddenName, MAX_AST_NODES, MAX_NESTING_DEPTH, MAX_SOURCE_LENGTH } from './limits'
import type { Token } from './tokenize'
import { tokenize } from './tokenize'

export type ParseResult = { ok: true; ast: ExprNode } | { ok: false; error: ExpressionError }

/** Binding power of binary and logical operators (JavaScript order). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  '??': 1, '||': 2, '&&': 3,
  '==': 4, '!=': 4, '===': 4, '!==': 4,
  '<': 5, '<=': 5, '>': 5, '>=': 5, in: 5,
  '+': 6, '-': 6,
  '*': 7, '/': 7, '%': 7,
}

/** JavaScript keywords that would reach outside the language: refused, never treated as names. */
const FORBIDDEN_KEYWORDS: ReadonlySet<string> = new Set([
  'this', 'new', 'function', 'class', 'delete', 'void', 'typeof', 'instanceof', 'yield', 'await',
  'import', 'export', 'super', 'var', 'let', 'const', 'return', 'throw', 'try', 'if', 'for', 'while', 'do',
  'switch', 'with', 'debugger', 'arguments',
])

const LITERAL_KEYWORDS: ReadonlyMap<string, boolean | null | undefined> = new Map<string, boolean | null | undefined>([
  ['true', true], ['false', false], ['null', null], ['undefined', undefined],
])

function syntax(offset: number, en: string, zh: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError('expr.syntax', en, zh, offset)
}

function forbidden(offset: number, en: string, zh: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError('expr.forbidden', en, zh, offset)
}

function forbiddenName(offset: number, name: string): ExpressionEvaluationError {
  return forbidden(offset, `Access to '${name}' is forbidden`, `禁止访问“${name}”`)
}

class Parser {
  private index = 0
  private depth = 0
  private nodeCount = 0
  private readonly parenthesized = new WeakSet<ExprNode>()

  constructor(private readonly source: string, private readonly tokens: Token[]) {}

  parse(): ExprNode {
    if (this.peek().type === 'eof') throw syntax(0, 'Expression is empty', '表达式为空')
    const ast = this.parseConditional()
    const rest = this.peek()
    if (rest.type !== 'eof') throw this.unexpected(rest)
    return ast
  }

  private peek(): Token {
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as Token)
  }

  private next(): Token {
    const token = this.peek()
    if (token.type !== 'eof') this.index += 1
    return token
  }

  private isPunct(value: string): boolean {
    const token = this.peek()
    return token.type === 'punct' && token.value === value
  }

  private expect(value: string): Token {
    if (!this.isPunct(value)) {
      const token = this.peek()
      throw syntax(token.start, `Expected '${value}' but found ${this.describe(token)}`, `此处应为“${value}”，实际为${this.describeZh(token)}`)
    }
    return this.next()
  }

  private describe(token: Token): string {
    return token.type === 'eof' ? 'end of input' : `'${this.source.slice(token.start, token.end)}'`
  }

  private describeZh(token: Token): string {
    return token.type === 'eof' ? '表达式结尾' : `“${this.source.slice(token.start, token.end)}”`
  }

  private unexpected(token: Token): ExpressionEvaluationError {
    if (token.type === 'punct' && token.value === '/') {
      return syntax(token.start, 'Regular expression literals are not supported (patterns belong in form validation rules)', '不支持正则表达式字面量（格式校验请使用表单校验规则）')
    }
    return syntax(token.start, `Unexpected ${this.describe(token)}`, `意外的${this.describeZh(token)}`)
  }

  private node<T extends ExprNode>(node: T): T {
    this.nodeCount += 1
    if (this.nodeCount > MAX_AST_NODES) {
      throw new ExpressionEvaluationError('expr.too_many_nodes', `Expression has more than ${MAX_AST_NODES} nodes`, `表达式节点数超过 ${MAX_AST_NODES}`, node.start)
    }
    return node
  }

  private nested<T>(offset: number, parse: () => T): T {
    this.depth += 1
    if (this.depth > MAX_NESTING_DEPTH) {
      throw new ExpressionEvaluationError('expr.too_deep', `Expression is nested deeper than ${MAX_NESTING_DEPTH} levels`, `表达式嵌套超过 ${MAX_NESTING_DEPTH} 层`, offset)
    }
    const result = parse()
    this.depth -= 1
    return result
  }

  private parseConditional(): ExprNode {
    return this.nested(this.peek().start, () => {
      const test = this.parseBinary(1)
      if (!this.isPunct('?')) return test
      this.next()
      const consequent = this.parseConditional()
      this.expect(':')
      const alternate = this.parseConditional()
      return this.node({ type: 'Conditional', test, consequent, alternate, start: test.start, end: alternate.end })
    })
  }

  private peekBinaryOperator(): string | undefined {
    const token = this.peek()
    if (token.type === 'name' && token.value === 'in') return 'in'
    if (token.type === 'punct' && Object.prototype.hasOwnProperty.call(PRECEDENCE, token.value)) return token.value
    return undefined
  }

  private parseBinary(minPrecedence: number): ExprNode {
    let left = this.parseUnary()
    for (;;) {
      const operator = this.peekBinaryOperator()
      const precedence = operator === undefined ? 0 : (PRECEDENCE[operator] ?? 0)
      if (operator === undefined || precedence < minPrecedence) return left
      const opToken = this.next()
      const right = this.parseBinary(precedence + 1)
      left = this.combine(operator, left, right, opToken)
    }
  }

  private combine(operator: string, left: ExprNode, right: ExprNode, opToken: Token): ExprNode {
    const span = { start: left.start, end: right.end }
    if (operator === '&&' || operator === '||' || operator === '??') {
      const mixes = (side: ExprNode): boolean =>
        side.type === 'Logical' && !this.parenthesized.has(side) && (side.operator === '??') !== (operator === '??')
      if (mixes(left) || mixes(right)) {
        throw syntax(opToken.start, "Mixing '??' with '&&' or '||' needs parentheses", "“??”与“&&”或“||”混用时需要加括号")
      }
      return this.node({ type: 'Logical', operator: operator as LogicalOperator, left, right, ...span })
    }
    return this.node({ type: 'Binary', operator: operator as BinaryOperator, left, right, ...span })
  }

  private parseUnary(): ExprNode {
    const token = this.peek()
    if (token.type === 'punct' && (token.value === '!' || token.value === '-' || token.value === '+')) {
      this.next()
      const argument = this.nested(token.start, () => this.parseUnary())
      return this.node({ type: 'Unary', operator: token.value as UnaryOperator, argument, start: token.start, end: argument.end })
    }
    return this.parsePostfix(this.parsePrimary())
  }

  private parsePostfix(start: ExprNode): ExprNode {
    let object = start
    for (;;) {
      const token = this.peek()
      if (token.type !== 'punct') return object
      if (token.value === '(') {
        throw forbidden(token.start, 'Only built-in functions can be called, by bare name; methods and values cannot be called', '只能按名称调用内置函数，不能调用方法或变量值')
      }
      if (token.value !== '.' && token.value !== '?.' && token.value !== '[') return object
      this.next()
      const optional = token.value === '?.'
      if (token.value === '[' || (optional && this.isPunct('['))) {
        if (optional) this.next()
        const property = this.parseConditional()
        const close = this.expect(']')
        object = this.node({ type: 'Member', object, property, computed: true, optional, start: object.start, end: close.end })
        continue
      }
      const name = this.next()
      if (name.type !== 'name') {
        if (optional && name.type === 'punct' && name.value === '(') {
          throw forbidden(name.start, 'Optional calls are not allowed', '不允许可选调用')
        }
        throw syntax(name.start, `Expected a property name but found ${this.describe(name)}`, `此处应为属性名，实际为${this.describeZh(name)}`)
      }
      if (isForbiddenName(name.value)) throw forbiddenName(name.start, name.value)
      object = this.node({ type: 'Member', object, property: name.value, computed: false, optional, start: object.start, end: name.end })
    }
  }

  private parsePrimary(): ExprNode {
    const token = this.next()
    const span = { start: token.start, end: token.end }
    switch (token.type) {
      case 'number':
      case 'string':
        return this.node({ type: 'Literal', value: token.value, ...span })
      case 'name':
        return this.parseName(token.value, span)
      case 'punct':
        if (token.value === '(') {
          const inner = this.parseConditional()
          this.expect(')')
          this.parenthesized.add(inner)
          return inner
        }
        if (token.value === '[') return this.parseArray(token)
        if (token.value === '{') return this.parseObject(token)
        throw this.unexpected(token)
      default:
        throw this.unexpected(token)
    }
  }

  private parseName(name: string, span: { start: number; end: number }): ExprNode {
    if (LITERAL_KEYWORDS.has(name)) return this.node({ type: 'Literal', value: LITERAL_KEYWORDS.get(name), ...span })
    if (FORBIDDEN_KEYWORDS.has(name)) throw forbidden(span.start, `'${name}' is not allowed in expressions`, `表达式中不允许使用“${name}”`)
    if (name === 'in') throw syntax(span.start, "Unexpected 'in'", '意外的“in”')
    if (isForbiddenName(name)) throw forbiddenName(span.start, name)
    if (!this.isPunct('(')) return this.node({ type: 'Identifier', name, ...span })
    this.next()
    const args = this.parseList(')', () => this.parseConditional())
    const end = this.tokens[this.index - 1]?.end ?? span.end
    return this.node({ type: 'Call', callee: name, args, start: span.start, end })
  }

  /** Comma-separated items up to `close` (consumed); a trailing comma is accepted. */
  private parseList<T>(close: string, item: () => T): T[] {
    const items: T[] = []
    while (!this.isPunct(close)) {
      if (this.isPunct(',')) throw syntax(this.peek().start, 'Empty element in list', '列表中存在空元素')
      items.push(item())
      if (!this.isPunct(close)) this.expect(',')
    }
    this.next()
    return items
  }

  private parseArray(open: Token): ExprNode {
    const elements = this.parseList(']', () => this.parseConditional())
    const end = this.tokens[this.index - 1]?.end ?? open.end
    return this.node({ type: 'Array', elements, start: open.start, end })
  }

  private parseObject(open: Token): ExprNode {
    const properties = this.parseList('}', () => this.parseProperty())
    const end = this.tokens[this.index - 1]?.end ?? open.end
    return this.node({ type: 'Object', properties, start: open.start, end })
  }

  private parseProperty(): ObjectProperty {
    const token = this.next()
    if (token.type === 'eof' || token.type === 'punct') {
      throw syntax(token.start, `Expected a property key but found ${this.describe(token)}`, `此处应为属性键，实际为${this.describeZh(token)}`)
    }
    const key = String(token.value)
    if (isForbiddenName(key)) throw forbiddenName(token.start, key)
    if (token.type === 'name' && (this.isPunct(',') || this.isPunct('}'))) {
      return { key, value: this.parseName(key, { start: token.start, end: token.end }) }
    }
    this.expect(':')
    return { key, value: this.parseConditional() }
  }
}

/** Parses one expression; never throws, failures are returned with offset and messages. */
export function parseExpression(source: string): ParseResult {
  if (typeof source !== 'string') {
    return { ok: false, error: { code: 'expr.syntax', message: 'Expression must be a string', messageZh: '表达式必须是字符串', offset: 0 } }
  }
  if (source.length > MAX_SOURCE_LENGTH) {
    return {
      ok: false,
      error: {
        code: 'expr.too_long',
        message: `Expression is longer than ${MAX_SOURCE_LENGTH} characters`,
        messageZh: `表达式长度超过 ${MAX_SOURCE_LENGTH} 个字符`,
        offset: MAX_SOURCE_LENGTH,
      },
    }
  }
  try {
    return { ok: true, ast: new Parser(source, tokenize(source)).parse() }
  } catch (caught) {
    return { ok: false, error: toExpressionError(caught, 0) }
  }
}
