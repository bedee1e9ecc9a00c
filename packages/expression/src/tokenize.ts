import { ExpressionEvaluationError } from './expression-error'

export type Token =
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | { type: 'name'; value: string; start: number; end: number }
  | { type: 'punct'; value: string; start: number; end: number }
  | { type: 'eof'; value: ''; start: number; end: number }

/** Punctuators of the language, longest first so that greedy matching works. */
const PUNCTUATORS = [
  '===', '!==', '==', '!=', '<=', '>=', '&&', '||', '??', '?.',
  '(', ')', '[', ']', '{', '}', ',', ':', '?', '.', '!', '+', '-', '*', '/', '%', '<', '>',
]

/** Character sequences that are valid JavaScript but deliberately refused. */
const REFUSED: ReadonlyArray<{ text: string; forbidden: boolean; en: string; zh: string }> = [
  { text: '=>', forbidden: true, en: 'Arrow functions are not allowed', zh: '不允许使用箭头函数' },
  { text: '...', forbidden: false, en: 'Spread syntax is not supported', zh: '不支持展开语法' },
  { text: '++', forbidden: true, en: 'Increment is not allowed', zh: '不允许使用自增运算' },
  { text: '--', forbidden: true, en: 'Decrement is not allowed', zh: '不允许使用自减运算' },
  { text: '**', forbidden: false, en: 'The ** operator is not supported', zh: '不支持 ** 运算符' },
  { text: '`', forbidden: false, en: 'Template literals are not supported', zh: '不支持模板字符串' },
  { text: ';', forbidden: false, en: 'Statements are not supported; write a single expression', zh: '不支持语句，只能书写单个表达式' },
]

const ASSIGNMENT = /^(?:[-+*/%&|^]|\?\?|&&|\|\||<<|>>>?|\*\*)?=(?!=)/
const BITWISE = /^(?:<<|>>|[&|^~])/
const NUMBER = /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?/y
const NAME = /[A-Za-z_$][\w$]*/y
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0', "'": "'", '"': '"', '\\': '\\', '/': '/',
}

function syntaxError(offset: number, en: string, zh: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError('expr.syntax', en, zh, offset)
}

function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start]
  let value = ''
  let i = start + 1
  while (i < source.length) {
    const ch = source[i] as string
    if (ch === quote) return { value, end: i + 1 }
    if (ch === '\n' || ch === '\r') break
    if (ch !== '\\') {
      value += ch
      i += 1
      continue
    }
    const next = source[i + 1] ?? ''
    if (next === 'u') {
      const hex = source.slice(i + 2, i + 6)
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw syntaxError(i, 'Invalid \\u escape: expected four hex digits', '无效的 \\u 转义：需要四位十六进制数字')
      }
      value += String.fromCharCode(parseInt(hex, 16))
      i += 6
      continue
    }
    const simple = Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, next) ? SIMPLE_ESCAPES[next] : undefined
    if (simple === undefined || (next === '0' && /\d/.test(source[i + 2] ?? ''))) {
      throw syntaxError(i, `Unsupported escape sequence \\${next}`, `不支持的转义序列 \\${next}`)
    }
    value += simple
    i += 2
  }
  throw syntaxError(start, 'Unterminated string literal', '字符串缺少结束引号')
}

function refusedAt(source: string, i: number): ExpressionEvaluationError | undefined {
  const rest = source.slice(i, i + 4)
  for (const refused of REFUSED) {
    if (rest.startsWith(refused.text)) {
      const code = refused.forbidden ? 'expr.forbidden' : 'expr.syntax'
      return new ExpressionEvaluationError(code, refused.en, refused.zh, i)
    }
  }
  if (ASSIGNMENT.test(rest)) {
    return new ExpressionEvaluationError('expr.forbidden', 'Assignment is not allowed', '不允许赋值', i)
  }
  if (BITWISE.test(rest) && !rest.startsWith('&&') && !rest.startsWith('||')) {
    return syntaxError(i, 'Bitwise operators are not supported', '不支持位运算符')
  }
  return undefined
}

function matchAt(sticky: RegExp, source: string, index: number): RegExpExecArray | null {
  sticky.lastIndex = index
  return sticky.exec(source)
}

/** Splits `source` into tokens; throws ExpressionEvaluationError on invalid input. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const ch = source[i] as string
    if (/\s/.test(ch)) {
      i += 1
      continue
    }
    const number = matchAt(NUMBER, source, i)
    if (number) {
      const end = i + number[0].length
      if (/[\w$]/.test(source[end] ?? '')) {
        throw syntaxError(end, 'Invalid number: a name cannot follow a number directly', '数字格式错误：数字后不能直接跟名称')
      }
      tokens.push({ type: 'number', value: Number(number[0]), start: i, end })
      i = end
      continue
    }
    const name = matchAt(NAME, source, i)
    if (name) {
      const end = i + name[0].length
      tokens.push({ type: 'name', value: name[0], start: i, end })
      i = end
      continue
    }
    if (ch === '"' || ch === "'") {
      const { value, end } = readString(source, i)
      tokens.push({ type: 'string', value, start: i, end })
      i = end
      continue
    }
    const refused = refusedAt(source, i)
    if (refused) throw refused
    const punct = PUNCTUATORS.find((p) => source.startsWith(p, i))
    if (punct === undefined) {
      throw syntaxError(i, `Unexpected character '${ch}'`, `意外的字符“${ch}”`)
    }
    // `a?.5:1` is a conditional, not optional chaining.
    const value = punct === '?.' && /\d/.test(source[i + 2] ?? '') ? '?' : punct
    tokens.push({ type: 'punct', value, start: i, end: i + value.length })
    i += value.length
  }
  tokens.push({ type: 'eof', value: '', start: source.length, end: source.length })
  return tokens
}
