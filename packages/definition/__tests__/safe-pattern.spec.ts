import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePattern, examplePattern, testPattern } from '../src/index'

/** Patterns designers write, each compared with the native RegExp on the same inputs. */
const PATTERNS = [
  '^[A-Z]{2}\\d{6}$',
  '^\\d{6}$',
  '^1[3-9]\\d{9}$',
  '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?)$',
  '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  '^[\\u4e00-\\u9fa5]{2,10}$',
  '川[A-Z]\\d{5}',
  'ab|cd',
  '^(?:ab)*c?$',
  '^a{2,}b{0,3}$',
  '^x.y$',
  '^[-a-c]+$',
  '^[^abc]*$',
  '\\$\\d+(\\.\\d{1,2})?',
  '^(a|ab)(c|bcd)(d*)$',
  '^$',
  'a*?b+?',
  '^[\\w.-]+$',
  '^\\s*$',
]
const INPUTS = ['', 'AB123456', 'ab123456', '610000', '6100001', '13800000000', '028-86001234', 'a@b.cn', 'a b@c.d', '张三', '张', '川A12345', 'xx川B00001yy', 'cd', 'ababc', 'aab', 'aabbbb', 'x\ny', 'xzy', '-abc', 'abd', '$12.50', 'abcd', ' \t ', 'a-b.c_d']

describe('definition/safe-pattern', () => {
  it('should agree with the native RegExp on the patterns designers write', () => {
    for (const p of PATTERNS) {
      const compiled = compilePattern(p)
      expect(compiled.ok, p).toBe(true)
      for (const s of INPUTS) expect(testPattern(p, s), `${p} on ${JSON.stringify(s)}`).toBe(new RegExp(p).test(s))
    }
  })

  it('should agree with the native RegExp on random inputs (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', '1', '3', '8', '-', '.', '@', ' ', 'A', '张', '川', '$'), maxLength: 16 }), (p, s) => {
        expect(testPattern(p, s)).toBe(new RegExp(p).test(s))
      }),
      { numRuns: 3000 },
    )
  })

  it('should match evil patterns in linear time where backtracking would take years', () => {
    const evil = ['^(a+)+$', '^(a|aa)+$', '^(a|a)*$', '^(\\w+\\s?)*$', '^(.*a){20}$', '^([a-z]*)*[0-9]$']
    const input = `${'a'.repeat(10_000)}!`
    for (const p of evil) {
      const t0 = performance.now()
      expect(testPattern(p, input), p).toBe(false)
      expect(performance.now() - t0, p).toBeLessThan(2_000)
    }
    expect(testPattern('^(a+)+$', 'a'.repeat(10_000))).toBe(true)
  })

  it('should refuse back-references, look-around, named groups and word boundaries, saying why', () => {
    for (const p of ['(a)\\1', '(?=a)b', '(?!a)b', '(?<=a)b', '(?<!a)b', '(?<name>a)', '\\bword\\b', '\\k<x>']) {
      const r = compilePattern(p)
      expect(r.ok, p).toBe(false)
      if (!r.ok) expect(r.messageZh.length, p).toBeGreaterThan(0)
    }
  })

  it('should refuse syntax errors, huge counts and patterns too large to match cheaply', () => {
    for (const p of ['(ab', 'ab)', '[abc', 'a**', '*a', 'a{3,1}', 'a{101}', '(a{100}){100}', 'x'.repeat(201), '\\']) expect(compilePattern(p).ok, p).toBe(false)
  })

  it('should treat a pattern outside the subset as never matching', () => {
    expect(testPattern('(a)\\1', 'aa')).toBe(false)
  })
})

describe('definition/safe-pattern examples', () => {
  it('should give a sample string each designer pattern accepts', () => {
    for (const p of PATTERNS) {
      const s = examplePattern(p)
      if (s !== undefined) expect(new RegExp(p).test(s), `${p} → ${s}`).toBe(true)
    }
    expect(examplePattern('^JY\\d{14}$')).toBe('JY00000000000000')
    expect(examplePattern('(a)\\1')).toBeUndefined()
  })
})
