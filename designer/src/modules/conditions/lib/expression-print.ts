import type { ExprNode } from '@sunlight/expression'

/** Binding power of binary and logical operators (as the parser has them). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  '??': 1, '||': 2, '&&': 3,
  '==': 4, '!=': 4, '===': 4, '!==': 4,
  '<': 5, '<=': 5, '>': 5, '>=': 5, in: 5,
  '+': 6, '-': 6,
  '*': 7, '/': 7, '%': 7,
}

/** A string literal in single quotes, escaped so that it parses back to the same text. */
export function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`
}

export function literalText(v: unknown): string {
  if (typeof v === 'string') return quote(v)
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null'
  if (typeof v === 'boolean') return String(v)
  if (v === undefined) return 'undefined'
  return 'null'
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * Prints a syntax tree back to source. `replace` may substitute any node's text (used to rename
 * field references, e.g. `amount` ↔ `$deps[0]`). Parentheses are added only where needed.
 */
export function printExpression(node: ExprNode, replace?: (n: ExprNode) => string | undefined): string {
  const p = (n: ExprNode, parentPrec = 0, right = false, parentOp = ''): string => {
    const custom = replace?.(n)
    if (custom !== undefined) return custom
    switch (n.type) {
      case 'Literal':
        return literalText(n.value)
      case 'Identifier':
        return n.name
      case 'Array':
        return `[${n.elements.map((e) => p(e)).join(', ')}]`
      case 'Object':
        return `{ ${n.properties.map((x) => `${IDENT.test(x.key) ? x.key : quote(x.key)}: ${p(x.value)}`).join(', ')} }`
      case 'Member': {
        const obj = p(n.object, 10)
        if (n.computed) return `${obj}${n.optional ? '?.' : ''}[${p(n.property)}]`
        return `${obj}${n.optional ? '?.' : '.'}${n.property}`
      }
      case 'Call':
        return `${n.callee}(${n.args.map((a) => p(a)).join(', ')})`
      case 'Unary': {
        const s = `${n.operator}${p(n.argument, 9)}`
        return parentPrec > 9 ? `(${s})` : s
      }
      case 'Binary':
      case 'Logical': {
        const prec = PRECEDENCE[n.operator] ?? 0
        const s = `${p(n.left, prec, false, n.operator)} ${n.operator} ${p(n.right, prec, true, n.operator)}`
        // `??` may not be mixed with && or || without parentheses (as in JavaScript)
        const mixesNullish = (n.operator === '??' && (parentOp === '&&' || parentOp === '||')) || (parentOp === '??' && (n.operator === '&&' || n.operator === '||'))
        return parentPrec > prec || (right && parentPrec === prec) || mixesNullish ? `(${s})` : s
      }
      case 'Conditional': {
        const s = `${p(n.test, 1)} ? ${p(n.consequent)} : ${p(n.alternate)}`
        return parentPrec > 0 ? `(${s})` : s
      }
    }
  }
  return p(node)
}

/** The dotted path of an identifier / member chain (`form.amount`, `$deps[0]`), or undefined. */
export function pathOf(n: ExprNode): string | undefined {
  if (n.type === 'Identifier') return n.name
  if (n.type === 'Member') {
    const base = pathOf(n.object)
    if (base === undefined) return undefined
    if (!n.computed) return `${base}.${n.property}`
    if (n.property.type === 'Literal' && typeof n.property.value === 'number') return `${base}[${n.property.value}]`
  }
  return undefined
}
