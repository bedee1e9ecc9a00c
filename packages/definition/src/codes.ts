/**
 * Item codes and organisation codes.
 *
 * - 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet
 *   (no I, O, S, V, Z); the 18th is a check character over the first 17 with weights 3^i mod 31.
 * - 基本编码 / 实施编码: no single national format could be recovered (domain.md §1.3), so codes
 *   are generated and checked from per-region patterns. The defaults follow 贵州 DB52/T 1264-2018
 *   for the basic code (two type letters + 5-digit item + 3-digit sub-item) and the live 四川 shape
 *   for the implementation code (basic · 12-digit region · 000 · credit code · variant · sub-item).
 */

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i] as string)
    if (v < 0) return undefined
    sum += v * (CREDIT_WEIGHTS[i] as number)
  }
  const c = 31 - (sum % 31)
  return CREDIT_ALPHABET[c === 31 ? 0 : c]
}

/** True when `code` is an 18-character unified social credit code with a correct check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false
  return creditCodeCheckChar(code.slice(0, 17)) === code[17]
}

/** Two-letter type codes per category (贵州 DB52/T 1264-2018 style). */
export const categoryTypeLetters: Readonly<Record<string, string>> = {
  '01': 'XK', // 许可
  '02': 'CF', // 处罚
  '03': 'QZ', // 强制
  '04': 'ZS', // 征收
  '05': 'JF', // 给付
  '06': 'JC', // 检查
  '07': 'QR', // 确认
  '08': 'JL', // 奖励
  '09': 'CJ', // 裁决
  '10': 'QT', // 其他
}

export interface CodePatterns {
  basic: string
  impl: string
}

export const defaultCodePatterns: CodePatterns = {
  basic: '{type:2}{main:5}{sub:3}',
  impl: '{basic}-{region:12}-000-{credit:18}-{variant:1}-{sub:2}',
}

type Token = { literal: string } | { name: string; width?: number }

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  const re = /\{([a-z]+)(?::(\d+))?\}/g
  let last = 0
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (m.index > last) tokens.push({ literal: pattern.slice(last, m.index) })
    tokens.push(m[2] ? { name: m[1] as string, width: Number(m[2]) } : { name: m[1] as string })
    last = m.index + m[0].length
  }
  if (last < pattern.length) tokens.push({ literal: pattern.slice(last) })
  return tokens
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Fills a code pattern. Numeric values are left-padded with zeros to the token's width;
 * a value longer than its width is an error (thrown: callers pass their own values).
 */
export function generateCode(pattern: string, values: Readonly<Record<string, string | number>>): string {
  return tokenize(pattern)
    .map((t) => {
      if ('literal' in t) return t.literal
      const raw = values[t.name]
      if (raw === undefined) throw new Error(`generateCode: no value for {${t.name}} in pattern "${pattern}"`)
      const s = typeof raw === 'number' ? String(raw).padStart(t.width ?? 0, '0') : raw
      if (t.width !== undefined && s.length !== t.width)
        throw new Error(`generateCode: {${t.name}} must be ${t.width} characters, got "${s}"`)
      return s
    })
    .join('')
}

export interface CodeMatch {
  ok: boolean
  parts: Record<string, string>
}

/**
 * Checks a code against a pattern and returns its parts. `{basic}` matches the given basic
 * code literally; `{credit:18}` must also pass the GB 32100 check.
 */
export function matchCode(pattern: string, code: string, known: { basic?: string } = {}): CodeMatch {
  const names: string[] = []
  const source = tokenize(pattern)
    .map((t) => {
      if ('literal' in t) return escapeRe(t.literal)
      names.push(t.name)
      if (t.name === 'basic') return `(${escapeRe(known.basic ?? '')})`
      return t.width !== undefined ? `([0-9A-Z]{${t.width}})` : '([0-9A-Z]+)'
    })
    .join('')
  const m = new RegExp(`^${source}$`).exec(code)
  if (!m) return { ok: false, parts: {} }
  const parts: Record<string, string> = {}
  names.forEach((n, i) => {
    parts[n] = m[i + 1] as string
  })
  if (parts.credit !== undefined && !isValidCreditCode(parts.credit)) return { ok: false, parts }
  return { ok: true, parts }
}
