import { describe, expect, it } from 'vitest'
import { parseExpression } from '../src/index'

function errorOf(source: string) {
  const result = parseExpression(source)
  if (result.ok) throw new Error(`${source} should not parse`)
  return result.error
}

describe('expression/parse', () => {
  it('builds a tree with source offsets', () => {
    const result = parseExpression('a + 1')
    expect(result).toEqual({
      ok: true,
      ast: {
        type: 'Binary', operator: '+', start: 0, end: 5,
        left: { type: 'Identifier', name: 'a', start: 0, end: 1 },
        right: { type: 'Literal', value: 1, start: 4, end: 5 },
      },
    })
  })

  it('follows JavaScript precedence: * binds tighter than +, && tighter than ||', () => {
    const result = parseExpression('a || b && c + d * e')
    if (!result.ok) throw new Error('parse failed')
    expect(result.ast).toMatchObject({
      type: 'Logical', operator: '||',
      right: { type: 'Logical', operator: '&&', right: { type: 'Binary', operator: '+', right: { type: 'Binary', operator: '*' } } },
    })
  })

  it('parses member chains, optional chaining and calls by bare name', () => {
    const result = parseExpression("len($values?.list[0].name)")
    if (!result.ok) throw new Error('parse failed')
    expect(result.ast).toMatchObject({
      type: 'Call', callee: 'len',
      args: [{ type: 'Member', computed: false, property: 'name', object: { type: 'Member', computed: true, object: { type: 'Member', optional: true, property: 'list' } } }],
    })
  })

  it('parses string escapes', () => {
    const result = parseExpression(String.raw`'a\n\t\'\"\\\u4e2d'`)
    expect(result).toMatchObject({ ok: true, ast: { type: 'Literal', value: 'a\n\t\'"\\中' } })
  })

  it('parses object literals with quoted keys and trailing commas', () => {
    const result = parseExpression("{ visible: true, 'quoted key': 1, \"k\": [1, 2,], }")
    expect(result).toMatchObject({ ok: true, ast: { type: 'Object', properties: [{ key: 'visible' }, { key: 'quoted key' }, { key: 'k' }] } })
  })

  it('reports a syntax error with offset and English and Chinese messages', () => {
    const error = errorOf('1 + * 2')
    expect(error.code).toBe('expr.syntax')
    expect(error.offset).toBe(4)
    expect(error.message).toContain("'*'")
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/)
  })

  it('reports an unterminated string at its opening quote', () => {
    expect(errorOf("a == 'abc")).toMatchObject({ code: 'expr.syntax', offset: 5 })
  })

  it('reports an unexpected end of input at the end', () => {
    expect(errorOf('(1 + 2')).toMatchObject({ code: 'expr.syntax', offset: 6 })
  })

  it('rejects an empty expression', () => {
    expect(errorOf('   ').code).toBe('expr.syntax')
  })

  it('rejects template literals with a clear message', () => {
    const error = errorOf('`a${b}`')
    expect(error.code).toBe('expr.syntax')
    expect(error.message).toMatch(/template literals/i)
  })

  it('rejects regular expression literals', () => {
    expect(errorOf('/a+/').message).toContain('Regular expression literals are not supported')
  })

  it('rejects mixing ?? with || without parentheses', () => {
    expect(errorOf('a ?? b || c').code).toBe('expr.syntax')
    expect(parseExpression('(a ?? b) || c').ok).toBe(true)
  })

  it('rejects unsupported operators', () => {
    for (const source of ['a ** 2', 'a & b', 'a | b', '~a', 'a << 1', '...a', 'a; b', 'a, b']) {
      expect(parseExpression(source).ok, source).toBe(false)
    }
  })

  it('rejects assignment, increment and arrows as forbidden', () => {
    for (const source of ['x = 1', 'x += 1', 'x++', '--x', 'x ??= 1', '(a) => a']) {
      expect(errorOf(source).code, source).toBe('expr.forbidden')
    }
  })

  it('rejects method calls and calls of values as forbidden', () => {
    for (const source of ['a.b()', "a['b']()", 'len(a)(1)', 'a?.()', '(a)()']) {
      expect(errorOf(source).code, source).toBe('expr.forbidden')
    }
  })

  it('rejects forbidden property names written statically', () => {
    expect(errorOf('a.__proto__')).toMatchObject({ code: 'expr.forbidden', offset: 2 })
    expect(errorOf('{ constructor: 1 }').code).toBe('expr.forbidden')
  })

  it('never throws on non-string input', () => {
    expect(parseExpression(42 as unknown as string).ok).toBe(false)
  })
})
