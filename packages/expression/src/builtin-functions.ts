import { ExpressionEvaluationError } from './expression-error'
import { isoDateToDayNumber } from './iso-date'
import { isPlainContainer } from './member-access'
import { typeName } from './operators'

/** A built-in receives evaluated arguments and a way to charge the step budget for loops. */
export type BuiltinFunction = (args: readonly unknown[], charge: (steps: number) => void) => unknown

const isNullish = (value: unknown): value is null | undefined => value === null || value === undefined

function argError(name: string, en: string, zh: string): ExpressionEvaluationError {
  return new ExpressionEvaluationError('expr.type', `${name}(): ${en}`, `${name}()：${zh}`)
}

function arity(name: string, args: readonly unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`
    throw argError(name, `expects ${expected} argument(s), got ${args.length}`, `需要 ${expected} 个参数，实际为 ${args.length} 个`)
  }
}

function wrongType(name: string, expected: string, value: unknown): ExpressionEvaluationError {
  return argError(name, `expects ${expected}, got ${typeName(value)}`, `需要${expected}，实际为 ${typeName(value)}`)
}

/** Numbers of `values`, skipping null/undefined; anything else is a type error. */
function numbersOf(name: string, values: readonly unknown[]): number[] {
  const numbers: number[] = []
  for (const value of values) {
    if (isNullish(value)) continue
    if (typeof value !== 'number') throw wrongType(name, 'numbers', value)
    numbers.push(value)
  }
  return numbers
}

function mathFunction(name: string, apply: (x: number) => number): BuiltinFunction {
  return (args) => {
    arity(name, args, 1)
    const [x] = args
    if (isNullish(x)) return undefined
    if (typeof x !== 'number') throw wrongType(name, 'a number', x)
    return apply(x)
  }
}

function stringFunction(name: string, apply: (s: string) => string): BuiltinFunction {
  return (args) => {
    arity(name, args, 1)
    const [s] = args
    if (isNullish(s)) return ''
    if (typeof s !== 'string') throw wrongType(name, 'a string', s)
    return apply(s)
  }
}

function affixFunction(name: string, test: (s: string, affix: string) => boolean): BuiltinFunction {
  return (args) => {
    arity(name, args, 2)
    const [s, affix] = args
    if (isNullish(s)) return false
    if (typeof s !== 'string' || typeof affix !== 'string') throw wrongType(name, 'two strings', typeof s === 'string' ? affix : s)
    return test(s, affix)
  }
}

function arrayArgument(name: string, args: readonly unknown[], charge: (steps: number) => void): readonly unknown[] | undefined {
  arity(name, args, 1)
  const [list] = args
  if (isNullish(list)) return undefined
  if (!Array.isArray(list)) throw wrongType(name, 'an array', list)
  charge(list.length)
  return list
}

const includes: BuiltinFunction = (args, charge) => {
  arity('includes', args, 2)
  const [container, value] = args
  if (isNullish(container)) return false
  if (Array.isArray(container)) {
    charge(container.length)
    return Array.prototype.includes.call(container, value)
  }
  if (typeof container !== 'string') throw wrongType('includes', 'an array or a string', container)
  if (typeof value !== 'string' && typeof value !== 'number') throw wrongType('includes', 'a string or number to look for', value)
  return container.includes(String(value))
}

function extreme(name: string, pick: (a: number, b: number) => number): BuiltinFunction {
  return (args, charge) => {
    const first = args[0]
    const values = args.length === 1 && Array.isArray(first) ? (first as unknown[]) : args
    charge(values.length)
    const numbers = numbersOf(name, values)
    return numbers.length === 0 ? undefined : numbers.reduce(pick)
  }
}

function roundHalfAwayFromZero(x: number, digits: number): number {
  const abs = Math.abs(x)
  const text = String(abs)
  // Shifting through the decimal exponent avoids binary artefacts: round(1.005, 2) is 1.01.
  const shifted = text.includes('e') ? Number.NaN : Math.round(Number(`${text}e${digits}`))
  const result = Number.isNaN(shifted) || String(shifted).includes('e')
    ? Math.round(abs * 10 ** digits) / 10 ** digits
    : Number(`${shifted}e${-digits}`)
  return x < 0 && result !== 0 ? -result : result
}

/** Rounds half away from zero (四舍五入) to `digits` decimals (-15..15). */
const round: BuiltinFunction = (args) => {
  arity('round', args, 1, 2)
  const [x, digits = 0] = args
  if (typeof digits !== 'number' || !Number.isInteger(digits) || Math.abs(digits) > 15) {
    throw wrongType('round', 'an integer number of digits between -15 and 15', digits)
  }
  if (isNullish(x)) return undefined
  if (typeof x !== 'number') throw wrongType('round', 'a number', x)
  return Number.isFinite(x) ? roundHalfAwayFromZero(x, digits) : x
}

const isEmpty: BuiltinFunction = (args) => {
  arity('isEmpty', args, 1)
  const [x] = args
  if (isNullish(x) || x === '') return true
  if (Array.isArray(x)) return x.length === 0
  if (typeof x === 'object' && isPlainContainer(x)) return Object.keys(x).length === 0
  return false
}

const len: BuiltinFunction = (args, charge) => {
  arity('len', args, 1)
  const [x] = args
  if (isNullish(x)) return 0
  if (typeof x === 'string' || Array.isArray(x)) return x.length
  if (typeof x === 'object' && isPlainContainer(x)) {
    const size = Object.keys(x).length
    charge(size)
    return size
  }
  throw wrongType('len', 'a string, an array or a plain object', x)
}

const toNumber: BuiltinFunction = (args) => {
  arity('number', args, 1)
  const [x] = args
  if (typeof x === 'number') return x
  if (typeof x === 'boolean') return x ? 1 : 0
  if (isNullish(x)) return undefined
  if (typeof x !== 'string') throw wrongType('number', 'a string, number or boolean', x)
  const text = x.trim()
  return text === '' ? undefined : Number(text)
}

const toText: BuiltinFunction = (args) => {
  arity('string', args, 1)
  const [x] = args
  if (isNullish(x)) return ''
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return String(x)
  throw wrongType('string', 'a string, number or boolean', x)
}

const sum: BuiltinFunction = (args, charge) => {
  const list = arrayArgument('sum', args, charge)
  return list === undefined ? 0 : numbersOf('sum', list).reduce((a, b) => a + b, 0)
}

/** Number of elements that are neither null nor undefined. */
const count: BuiltinFunction = (args, charge) => {
  const list = arrayArgument('count', args, charge)
  return list === undefined ? 0 : list.filter((item) => !isNullish(item)).length
}

const daysBetween: BuiltinFunction = (args) => {
  arity('daysBetween', args, 2)
  const [from, to] = args
  if (isNullish(from) || isNullish(to) || from === '' || to === '') return undefined
  const a = typeof from === 'string' ? isoDateToDayNumber(from) : undefined
  const b = typeof to === 'string' ? isoDateToDayNumber(to) : undefined
  if (a === undefined || b === undefined) {
    throw argError('daysBetween', 'expects two valid YYYY-MM-DD dates', '参数应为两个有效的 YYYY-MM-DD 日期')
  }
  return b - a
}

const table: Record<string, BuiltinFunction> = Object.create(null) as Record<string, BuiltinFunction>
Object.assign(table, {
  len,
  includes,
  contains: includes,
  startsWith: affixFunction('startsWith', (s, p) => s.startsWith(p)),
  endsWith: affixFunction('endsWith', (s, p) => s.endsWith(p)),
  isEmpty,
  abs: mathFunction('abs', Math.abs),
  floor: mathFunction('floor', Math.floor),
  ceil: mathFunction('ceil', Math.ceil),
  min: extreme('min', (a, b) => Math.min(a, b)),
  max: extreme('max', (a, b) => Math.max(a, b)),
  round,
  number: toNumber,
  string: toText,
  lower: stringFunction('lower', (s) => s.toLowerCase()),
  upper: stringFunction('upper', (s) => s.toUpperCase()),
  trim: stringFunction('trim', (s) => s.trim()),
  sum,
  count,
  daysBetween,
})

/** Built-in functions in a null-prototype map: `toString`, `constructor`... are not found. */
export const builtinFunctions: Readonly<Record<string, BuiltinFunction>> = Object.freeze(table)

/** Names callable in every expression, sorted. */
export const builtinFunctionNames: readonly string[] = Object.freeze(Object.keys(table).sort())
