import { afterEach, describe, expect, it } from 'vitest'
import type { ExprNode } from '../src/index'
import { compileExpression, evaluate, evaluateExpression, ExpressionEvaluationError } from '../src/index'
import { errorOf, sentinel, valueOf } from './helpers'

/** A scope with tempting objects: functions, class instances, prototypes. */
function hostileScope(): Record<string, unknown> {
  class Field {
    own = 1
    get value(): number {
      return 42
    }
    pwn(): void {
      ;(globalThis as Record<string, unknown>).__pwned = 'method'
    }
  }
  return {
    $self: new Field(),
    pwn: () => {
      ;(globalThis as Record<string, unknown>).__pwned = 'scope function'
    },
    a: {},
    list: [1, 2],
    text: 'abc',
  }
}

const INJECTIONS: ReadonlyArray<[string, string]> = [
  ["constructor.constructor('return process')()", 'expr.forbidden'],
  ["constructor.constructor('globalThis.__pwned = 1')()", 'expr.forbidden'],
  ['this', 'expr.forbidden'],
  ['this.constructor', 'expr.forbidden'],
  ['[].constructor', 'expr.forbidden'],
  ["[]['constructor']['constructor']('globalThis.__pwned = 1')()", 'expr.forbidden'],
  ["''['constructor']", 'expr.forbidden'],
  ["text['constructor']", 'expr.forbidden'],
  ['({}).__proto__', 'expr.forbidden'],
  ["a['__pro' + 'to__']", 'expr.forbidden'],
  ["a['__defineGetter__']", 'expr.forbidden'],
  ["list['prototype']", 'expr.forbidden'],
  ['$self.constructor', 'expr.forbidden'],
  ["$self['constructor']", 'expr.forbidden'],
  ['$self.pwn', 'expr.forbidden'],
  ['$self.pwn()', 'expr.forbidden'],
  ["$self.query('a').value()", 'expr.forbidden'],
  ['pwn', 'expr.forbidden'],
  ['pwn()', 'expr.unknown_function'],
  ["Function('globalThis.__pwned = 1')()", 'expr.forbidden'],
  ["Function('x')", 'expr.unknown_function'],
  ['process.exit()', 'expr.forbidden'],
  ['alert(1)', 'expr.unknown_function'],
  ["eval('globalThis.__pwned = 1')", 'expr.unknown_function'],
  ["toString()", 'expr.unknown_function'],
  ["hasOwnProperty('a')", 'expr.unknown_function'],
  ['__proto__', 'expr.forbidden'],
  ['x = 1', 'expr.forbidden'],
  ['globalThis.__pwned = 1', 'expr.forbidden'],
  ['(() => 1)()', 'expr.forbidden'],
  ['new Date()', 'expr.forbidden'],
  ['typeof x', 'expr.forbidden'],
  ['import("fs")', 'expr.forbidden'],
  ['`${globalThis.__pwned = 1}`', 'expr.syntax'],
  ['/x/.constructor', 'expr.syntax'],
  ['{ __proto__: { polluted: 1 } }', 'expr.forbidden'],
]

describe('expression/security', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__pwned
  })

  for (const [source, code] of INJECTIONS) {
    it(`refuses ${source}`, () => {
      expect(errorOf(source, hostileScope()).code).toBe(code)
      expect(sentinel()).toBeUndefined()
    })
  }

  it('resolves globalThis, window and process as plain missing names', () => {
    expect(valueOf('globalThis')).toBeUndefined()
    expect(valueOf('window ?? process')).toBeUndefined()
    expect(valueOf('globalThis.process.env')).toBeUndefined()
  })

  it('refuses very long input', () => {
    expect(errorOf(`${'1 + '.repeat(2000)}1`).code).toBe('expr.too_long')
  })

  it('refuses deeply nested parentheses without overflowing the stack', () => {
    expect(errorOf(`${'('.repeat(3000)}1${')'.repeat(990)}`).code).toBe('expr.too_deep')
  })

  it('reads getters of class instances but never their methods', () => {
    expect(valueOf('$self.value + $self.own', hostileScope())).toBe(43)
    expect(valueOf('$self.missing', hostileScope())).toBeUndefined()
  })

  it('does not pollute Object.prototype through object literals', () => {
    valueOf("{ toString: 1, hasOwnProperty: 'x' }")
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(typeof {}.toString).toBe('function')
  })

  it('never calls toString or valueOf of scope objects when concatenating', () => {
    let called = false
    const sneaky = { toString: () => { called = true; return 'x' }, valueOf: () => { called = true; return 1 } }
    expect(errorOf("'a' + o", { o: sneaky }).code).toBe('expr.type')
    expect(errorOf('o > 1', { o: sneaky }).code).toBe('expr.type')
    expect(errorOf('a[o]', { a: {}, o: sneaky }).code).toBe('expr.type')
    expect(called).toBe(false)
  })

  it('re-checks hand-built trees: forbidden names and non-primitive literals', () => {
    const member: ExprNode = { type: 'Member', object: { type: 'Literal', value: 'x', start: 0, end: 3 }, property: 'constructor', computed: false, optional: false, start: 0, end: 15 }
    expect(() => evaluate(member, {})).toThrow(ExpressionEvaluationError)
    const literal = { type: 'Literal', value: () => 1, start: 0, end: 1 } as unknown as ExprNode
    expect(() => evaluate(literal, {})).toThrow(ExpressionEvaluationError)
    const identifier: ExprNode = { type: 'Identifier', name: '__proto__', start: 0, end: 9 }
    expect(() => evaluate(identifier, {})).toThrow(ExpressionEvaluationError)
  })

  it('ignores functions passed in options under forbidden names', () => {
    const result = evaluateExpression('constructor()', {}, { functions: { constructor: () => 1 } })
    expect(result.ok).toBe(false)
  })

  it('compileExpression throws ExpressionEvaluationError on a refused expression', () => {
    expect(() => compileExpression("constructor.constructor('x')()")).toThrow(ExpressionEvaluationError)
    expect(sentinel()).toBeUndefined()
  })
})
