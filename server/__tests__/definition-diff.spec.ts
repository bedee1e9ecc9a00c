import { describe, expect, it } from 'vitest'
import { atPointer, jsonDiff } from '../src/services/definition-diff'
import { definitionDiff } from '../src/services/review-parts'

describe('server/definition-diff', () => {
  it('should match id-keyed array elements by id: a move is no change, an insertion one entry', () => {
    const a = { nodes: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'c', n: 3 }] }
    const b = { nodes: [{ id: 'x', n: 0 }, { id: 'c', n: 3 }, { id: 'a', n: 1 }, { id: 'b', n: 5 }] }
    expect(jsonDiff(a, b)).toEqual([
      { path: '/nodes/0', op: 'added', after: { id: 'x', n: 0 } },
      { path: '/nodes/3/n', fromPath: '/nodes/1/n', op: 'changed', before: 2, after: 5 },
    ])
    expect(jsonDiff(b, a)).toContainEqual({ path: '/nodes/0', op: 'removed', before: { id: 'x', n: 0 } })
  })

  it('should fall back to `key`, then to sequence alignment when identities are missing or repeated', () => {
    expect(jsonDiff([{ key: 'k1', v: 1 }, { key: 'k2', v: 2 }], [{ key: 'k2', v: 2 }, { key: 'k1', v: 9 }])).toEqual([
      { path: '/1/v', fromPath: '/0/v', op: 'changed', before: 1, after: 9 },
    ])
    const dup = [{ id: 'a', v: 1 }, { id: 'a', v: 2 }]
    expect(jsonDiff(dup, [{ id: 'a', v: 2 }])).toEqual([{ path: '/0', op: 'removed', before: { id: 'a', v: 1 } }])
  })

  it('should align plain arrays on their common subsequence and pair what changed in a gap', () => {
    expect(jsonDiff(['accept', 'refuse'], ['accept', 'requestSupplement', 'refuse'])).toEqual([{ path: '/1', op: 'added', after: 'requestSupplement' }])
    expect(jsonDiff(['a', 'b', 'c'], ['b', 'c'])).toEqual([{ path: '/0', op: 'removed', before: 'a' }])
    const basis = [{ law: '条例', article: '第一条' }, { law: '办法' }]
    expect(jsonDiff(basis, [{ law: '条例', article: '第二条' }, { law: '办法' }])).toEqual([
      { path: '/0/article', op: 'changed', before: '第一条', after: '第二条' },
    ])
  })

  it('should report added, removed and retyped members with escaped JSON pointers', () => {
    const diff = jsonDiff({ 'a/b': 1, gone: true, t: [1] }, { 'a/b': 2, 'x~y': null, t: 'one' })
    expect(diff).toEqual([
      { path: '/a~1b', op: 'changed', before: 1, after: 2 },
      { path: '/gone', op: 'removed', before: true },
      { path: '/t', op: 'changed', before: [1], after: 'one' },
      { path: '/x~0y', op: 'added', after: null },
    ])
    expect(atPointer({ 'a/b': { 'x~y': [5] } }, '/a~1b/x~0y/0')).toBe(5)
    expect(jsonDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([])
  })

  it('should tag each change of a definition with its review part and ignore the version number', () => {
    const step = (id: string, extra: object = {}) => ({ id, type: 'step', name: id, post: 'handler', limit: { value: 5, unit: 'days' }, ...extra })
    const from = { version: 1, item: { name: 'x' }, flow: { nodes: [step('s1'), step('s2', { public: false })], edges: [] }, discretion: [] }
    const to = {
      version: 2,
      item: { name: 'y' },
      flow: { nodes: [step('s1', { post: 'reviewer', publicName: '审查' }), step('s2', { public: false, limit: { value: 3, unit: 'days' } })], edges: [{ id: 'e', from: 's1', to: 's2' }] },
      discretion: [{ id: 'd' }],
      riskPoints: [{ id: 'r' }],
    }
    expect(definitionDiff(from, to).map((e) => `${e.path} ${e.part}`)).toEqual([
      '/item/name basicInfo',
      '/flow/nodes/0/post internalFlow',
      '/flow/nodes/0/publicName publicFlow',
      '/flow/nodes/1/limit/value internalFlow',
      '/flow/edges/0 internalFlow',
      '/discretion/0 discretion',
      '/riskPoints internalFlow',
    ])
  })
})
