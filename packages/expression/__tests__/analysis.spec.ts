import { describe, expect, it } from 'vitest'
import type { ExprNode } from '../src/index'
import { calledFunctions, parseExpression, referencedIdentifiers, referencedPaths } from '../src/index'

function ast(source: string): ExprNode {
  const result = parseExpression(source)
  if (!result.ok) throw new Error(result.error.message)
  return result.ast
}

describe('expression/analysis', () => {
  it('lists root identifiers, deduplicated and sorted', () => {
    expect(referencedIdentifiers(ast("$values.amount > 3 && grade == 'x' && grade != 'y'"))).toEqual(['$values', 'grade'])
  })

  it('includes identifiers inside computed members, calls and literals', () => {
    expect(referencedIdentifiers(ast('len(a[b]) + [c][0] + { k: d, e }.k'))).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('does not list function names or property names as identifiers', () => {
    expect(referencedIdentifiers(ast('round(x.y, 2)'))).toEqual(['x'])
  })

  it('lists static member paths from root identifiers', () => {
    expect(referencedPaths(ast("form.amount > 1 && $values.a.b == grade"))).toEqual(['$values.a.b', 'form.amount', 'grade'])
  })

  it('cuts paths at the first computed member and still lists the key expression', () => {
    expect(referencedPaths(ast('$deps[0] && a.b[c.d].e && x?.y'))).toEqual(['$deps', 'a.b', 'c.d', 'x.y'])
  })

  it('lists no path for members of non-identifiers', () => {
    expect(referencedPaths(ast("{ a: 1 }.a + len(s).x"))).toEqual(['s'])
  })

  it('lists called functions, deduplicated and sorted', () => {
    expect(calledFunctions(ast('round(sum(xs)) + len(a) + round(b)'))).toEqual(['len', 'round', 'sum'])
  })

  it('handles wide trees without recursion limits', () => {
    const source = Array.from({ length: 500 }, (_, i) => `v${i}`).join(' + ')
    expect(referencedIdentifiers(ast(source))).toHaveLength(500)
  })
})
