/**
 * Form `pattern` rules, matched in linear time.
 *
 * A designer may write a regular expression for a text field. JavaScript's RegExp backtracks, so
 * a pattern such as `^(a+)+$` takes exponential time on "aaaa…b" — in the applicant's browser and,
 * worse, on the server that re-checks every submission. Patterns are therefore restricted to a
 * subset that a Thompson NFA can match (no back-references, no look-around, bounded counts), and
 * matched by simulating that NFA: every input character advances a set of states, so a test costs
 * at most O(input length × pattern states), whatever the pattern.
 *
 * The subset (JavaScript syntax, no flags, UTF-16 code units like `new RegExp(p).test(s)`):
 *   literals, `.`, escapes `\d \D \w \W \s \S \uXXXX \xXX \t \n \r \f \v` and escaped
 *   metacharacters, classes `[…]` / `[^…]` with ranges, groups `(…)` / `(?:…)`, alternation `|`,
 *   quantifiers `* + ? {n} {n,} {n,m}` (counts ≤ 100; a lazy `?` suffix is accepted: it does not
 *   change whether a string matches), anchors `^ $`.
 * Refused, with a reason: back-references, look-around, named groups, `\b`, flags, patterns over
 * 200 characters or over 2,000 NFA states once counts are expanded.
 *
 * `test` has the semantics of RegExp.prototype.test: a match anywhere unless anchored.
 */

export const PATTERN_MAX_LENGTH = 200
export const PATTERN_MAX_STATES = 2000
const MAX_COUNT = 100

export interface PatternError {
  ok: false
  /** Offset in the source where the problem was found. */
  offset: number
  message: string
  messageZh: string
}

export interface SafePattern {
  ok: true
  source: string
  /** Number of NFA states (the cost factor per input character). */
  states: number
  test(input: string): boolean
}

type Range = readonly [number, number]
type CharSet = { ranges: Range[]; negated: boolean }
type Ast =
  | { t: 'empty' }
  | { t: 'char'; set: CharSet }
  | { t: 'seq'; items: Ast[] }
  | { t: 'alt'; options: Ast[] }
  | { t: 'repeat'; body: Ast; min: number; max: number } // max = Infinity for unbounded
  | { t: 'assert'; at: 'start' | 'end' }

class Refusal extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly messageZh: string,
  ) {
    super(message)
  }
}

const DIGIT: Range[] = [[48, 57]]
const WORD: Range[] = [[48, 57], [65, 90], [95, 95], [97, 122]]
const SPACE: Range[] = [[9, 13], [32, 32], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]]
const LINE_TERMINATORS: Range[] = [[10, 10], [13, 13], [0x2028, 0x2029]]
const SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''))

function complement(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: Range[] = []
  let next = 0
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1])
    next = Math.max(next, hi + 1)
  }
  if (next <= 0xffff) out.push([next, 0xffff])
  return out
}

class Parser {
  private i = 0
  constructor(private readonly src: string) {}

  parse(): Ast {
    const ast = this.alternation()
    if (this.i < this.src.length) throw this.refuse(this.src[this.i] === ')' ? 'unbalanced ")"' : `unexpected "${this.src[this.i]}"`, this.src[this.i] === ')' ? '括号不配对' : `无法识别的“${this.src[this.i]}”`)
    return ast
  }

  private refuse(en: string, zh: string, at = this.i): Refusal {
    return new Refusal(at, en, zh)
  }

  private peek(): string | undefined {
    return this.src[this.i]
  }

  private alternation(): Ast {
    const options = [this.sequence()]
    while (this.peek() === '|') {
      this.i++
      options.push(this.sequence())
    }
    return options.length === 1 ? (options[0] as Ast) : { t: 'alt', options }
  }

  private sequence(): Ast {
    const items: Ast[] = []
    for (;;) {
      const c = this.peek()
      if (c === undefined || c === '|' || c === ')') break
      items.push(this.quantified())
    }
    return items.length === 0 ? { t: 'empty' } : items.length === 1 ? (items[0] as Ast) : { t: 'seq', items }
  }

  private quantified(): Ast {
    const start = this.i
    const atom = this.atom()
    const c = this.peek()
    let min: number
    let max: number
    if (c === '*') [min, max] = [0, Infinity]
    else if (c === '+') [min, max] = [1, Infinity]
    else if (c === '?') [min, max] = [0, 1]
    else if (c === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.src.slice(this.i))
      if (!m) throw this.refuse('a count is written {n}, {n,} or {n,m}', '次数应写作 {n}、{n,} 或 {n,m}')
      min = Number(m[1])
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
      if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) throw this.refuse(`counts above ${MAX_COUNT} are not allowed`, `重复次数不能超过 ${MAX_COUNT}`)
      if (max < min) throw this.refuse('in {n,m}, m must not be below n', '{n,m} 中 m 不能小于 n')
      this.i += m[0].length - 1
    } else return atom
    this.i++
    if (this.peek() === '?') this.i++ // lazy: same set of matching strings
    if (atom.t === 'assert') throw this.refuse('an anchor cannot be repeated', '锚点不能重复', start)
    const next = this.peek()
    if (next === '*' || next === '+' || next === '?' || next === '{') throw this.refuse('two quantifiers in a row', '量词不能连用')
    return { t: 'repeat', body: atom, min, max }
  }

  private atom(): Ast {
    const c = this.peek() as string
    if (c === '(') {
      this.i++
      if (this.peek() === '?') {
        if (this.src[this.i + 1] === ':') this.i += 2
        else if (this.src[this.i + 1] === '<' && this.src[this.i + 2] !== '=' && this.src[this.i + 2] !== '!') throw this.refuse('named groups are not supported; use (…) or (?:…)', '不支持命名分组，请用 (…) 或 (?:…)')
        else throw this.refuse('look-ahead and look-behind are not supported', '不支持先行断言和后行断言')
      }
      const inner = this.alternation()
      if (this.peek() !== ')') throw this.refuse('missing ")"', '缺少“)”')
      this.i++
      return inner
    }
    if (c === '[') return { t: 'char', set: this.charClass() }
    if (c === '.') {
      this.i++
      return { t: 'char', set: { ranges: LINE_TERMINATORS, negated: true } }
    }
    if (c === '^' || c === '$') {
      this.i++
      return { t: 'assert', at: c === '^' ? 'start' : 'end' }
    }
    if (c === '\\') return { t: 'char', set: this.escape(false) }
    if (c === '*' || c === '+' || c === '?') throw this.refuse(`"${c}" has nothing to repeat`, `“${c}”前面没有可重复的内容`)
    if (c === '{' && /^\{\d/.test(this.src.slice(this.i))) throw this.refuse('"{" has nothing to repeat', '“{”前面没有可重复的内容')
    this.i++
    const code = c.charCodeAt(0)
    return { t: 'char', set: { ranges: [[code, code]], negated: false } }
  }

  /** After a backslash (at this.i). Inside a class, `\b` is a backspace as in JavaScript. */
  private escape(inClass: boolean): CharSet {
    const at = this.i
    this.i++
    const c = this.src[this.i]
    if (c === undefined) throw this.refuse('the pattern ends with "\\"', '规则以“\\”结尾', at)
    this.i++
    const one = (code: number): CharSet => ({ ranges: [[code, code]], negated: false })
    switch (c) {
      case 'd':
        return { ranges: DIGIT, negated: false }
      case 'D':
        return { ranges: DIGIT, negated: true }
      case 'w':
        return { ranges: WORD, negated: false }
      case 'W':
        return { ranges: WORD, negated: true }
      case 's':
        return { ranges: SPACE, negated: false }
      case 'S':
        return { ranges: SPACE, negated: true }
      case 't':
        return one(9)
      case 'n':
        return one(10)
      case 'v':
        return one(11)
      case 'f':
        return one(12)
      case 'r':
        return one(13)
      case '0':
        if (/\d/.test(this.src[this.i] ?? '')) throw this.refuse('octal escapes are not supported', '不支持八进制转义', at)
        return one(0)
      case 'u':
      case 'x': {
        const len = c === 'u' ? 4 : 2
        const hex = this.src.slice(this.i, this.i + len)
        if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) throw this.refuse(`\\${c} needs ${len} hexadecimal digits`, `\\${c} 后应为 ${len} 位十六进制数字`, at)
        this.i += len
        return one(parseInt(hex, 16))
      }
      case 'b':
        if (inClass) return one(8)
        throw this.refuse('word boundaries (\\b) are not supported', '不支持单词边界（\\b）', at)
      default:
        if (/[1-9]/.test(c)) throw this.refuse('back-references are not supported', '不支持反向引用', at)
        if (c === 'k') throw this.refuse('named back-references are not supported', '不支持命名反向引用', at)
        if (c === 'B' || c === 'p' || c === 'P' || c === 'c') throw this.refuse(`\\${c} is not supported`, `不支持 \\${c}`, at)
        if (SYNTAX.has(c) || !/[A-Za-z0-9]/.test(c)) return one(c.charCodeAt(0))
        throw this.refuse(`unknown escape \\${c}`, `无法识别的转义 \\${c}`, at)
    }
  }

  private charClass(): CharSet {
    const open = this.i
    this.i++
    let negated = false
    if (this.peek() === '^') {
      negated = true
      this.i++
    }
    const ranges: Range[] = []
    const single = (): { set?: CharSet; code?: number } => {
      if (this.peek() === '\\') {
        const set = this.escape(true)
        const only = set.ranges[0]
        return !set.negated && set.ranges.length === 1 && only && only[0] === only[1] ? { code: only[0] } : { set }
      }
      const code = (this.src[this.i] as string).charCodeAt(0)
      this.i++
      return { code }
    }
    while (this.peek() !== ']') {
      if (this.peek() === undefined) throw this.refuse('missing "]"', '缺少“]”', open)
      const a = single()
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        this.i++
        const b = single()
        if (a.code === undefined || b.code === undefined) throw this.refuse('a range needs a character at each end', '范围两端应为单个字符')
        if (b.code < a.code) throw this.refuse('a range goes from the lower character to the higher', '范围应从小到大')
        ranges.push([a.code, b.code])
      } else if (a.code !== undefined) ranges.push([a.code, a.code])
      else if (a.set) ranges.push(...(a.set.negated ? complement(a.set.ranges) : a.set.ranges))
    }
    this.i++
    return { ranges, negated }
  }
}

type State =
  | { k: 'char'; set: CharSet; out: number }
  | { k: 'split'; a: number; b: number }
  | { k: 'assert'; at: 'start' | 'end'; out: number }
  | { k: 'match' }

/** Thompson's construction, built backwards: compile(node, next) returns the entry state. */
class Compiler {
  readonly states: State[] = [{ k: 'match' }]

  private add(s: State): number {
    if (this.states.length >= PATTERN_MAX_STATES) throw new Refusal(0, `the pattern is too large (over ${PATTERN_MAX_STATES} states once counts are expanded)`, `规则过于复杂（展开重复次数后超过 ${PATTERN_MAX_STATES} 个状态）`)
    this.states.push(s)
    return this.states.length - 1
  }

  compile(node: Ast, next: number): number {
    switch (node.t) {
      case 'empty':
        return next
      case 'char':
        return this.add({ k: 'char', set: node.set, out: next })
      case 'assert':
        return this.add({ k: 'assert', at: node.at, out: next })
      case 'seq': {
        let at = next
        for (let i = node.items.length - 1; i >= 0; i--) at = this.compile(node.items[i] as Ast, at)
        return at
      }
      case 'alt': {
        let at = this.compile(node.options[node.options.length - 1] as Ast, next)
        for (let i = node.options.length - 2; i >= 0; i--) at = this.add({ k: 'split', a: this.compile(node.options[i] as Ast, next), b: at })
        return at
      }
      case 'repeat': {
        let at = next
        if (node.max === Infinity) {
          const loop = this.add({ k: 'split', a: -1, b: next })
          ;(this.states[loop] as { a: number }).a = this.compile(node.body, loop)
          at = loop
        } else
          for (let i = node.min; i < node.max; i++) {
            // the optional copies each may stop early: x{1,3} = x (x (x)?)?
            const body = this.compile(node.body, at)
            at = this.add({ k: 'split', a: body, b: next })
          }
        for (let i = 0; i < node.min; i++) at = this.compile(node.body, at)
        return at
      }
    }
  }
}

function inSet(set: CharSet, code: number): boolean {
  let hit = false
  for (const [lo, hi] of set.ranges)
    if (code >= lo && code <= hi) {
      hit = true
      break
    }
  return hit !== set.negated
}

function matcher(states: readonly State[], start: number): (input: string) => boolean {
  return (input: string) => {
    const n = input.length
    let current = new Set<number>()
    const addState = (set: Set<number>, id: number, pos: number) => {
      const stack = [id]
      while (stack.length) {
        const s = stack.pop() as number
        if (set.has(s)) continue
        set.add(s)
        const st = states[s] as State
        if (st.k === 'split') stack.push(st.b, st.a)
        else if (st.k === 'assert' && (st.at === 'start' ? pos === 0 : pos === n)) stack.push(st.out)
      }
    }
    for (let pos = 0; pos <= n; pos++) {
      addState(current, start, pos) // unanchored: a match may begin at any position
      if (current.has(0)) return true
      if (pos === n) break
      const code = input.charCodeAt(pos)
      const next = new Set<number>()
      for (const s of current) {
        const st = states[s] as State
        if (st.k === 'char' && inSet(st.set, code)) addState(next, st.out, pos + 1)
      }
      current = next
    }
    return current.has(0)
  }
}

const cache = new Map<string, SafePattern | PatternError>()

/** Compiles a form pattern, or says (in English and Chinese) why it is outside the safe subset. */
export function compilePattern(source: string): SafePattern | PatternError {
  const hit = cache.get(source)
  if (hit) return hit
  let result: SafePattern | PatternError
  try {
    if (source.length > PATTERN_MAX_LENGTH) throw new Refusal(PATTERN_MAX_LENGTH, `a pattern has at most ${PATTERN_MAX_LENGTH} characters`, `校验规则最多 ${PATTERN_MAX_LENGTH} 个字符`)
    const ast = new Parser(source).parse()
    const compiler = new Compiler()
    const start = compiler.compile(ast, 0)
    result = { ok: true, source, states: compiler.states.length, test: matcher(compiler.states, start) }
  } catch (e) {
    if (!(e instanceof Refusal)) throw e
    result = { ok: false, offset: e.offset, message: e.message, messageZh: e.messageZh }
  }
  if (cache.size > 500) cache.clear()
  cache.set(source, result)
  return result
}

/** True when `input` matches the pattern; false also when the pattern is outside the subset. */
export function testPattern(source: string, input: string): boolean {
  const p = compilePattern(source)
  return p.ok && p.test(input)
}

function exampleChar(set: CharSet): string {
  if (!set.negated) {
    const first = set.ranges[0]
    if (!first) return ''
    // prefer a readable character inside the first range (a digit or letter when it has one)
    for (const c of '0aA') if (c.charCodeAt(0) >= first[0] && c.charCodeAt(0) <= first[1]) return c
    return String.fromCharCode(first[0])
  }
  for (const c of 'a0A_x-') if (!set.ranges.some(([lo, hi]) => c.charCodeAt(0) >= lo && c.charCodeAt(0) <= hi)) return c
  return ''
}

function example(node: Ast): string {
  switch (node.t) {
    case 'empty':
    case 'assert':
      return ''
    case 'char':
      return exampleChar(node.set)
    case 'seq':
      return node.items.map(example).join('')
    case 'alt':
      return example(node.options[0] as Ast)
    case 'repeat':
      return example(node.body).repeat(node.min)
  }
}

/**
 * A short string the pattern accepts (for sample data: the simulation's generated applications,
 * the document preview), or undefined when the pattern is outside the subset or the guess fails.
 */
export function examplePattern(source: string): string | undefined {
  const compiled = compilePattern(source)
  if (!compiled.ok) return undefined
  const s = example(new Parser(source).parse())
  return compiled.test(s) ? s : undefined
}
