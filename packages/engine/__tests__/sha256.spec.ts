import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from '../src/index'

describe('engine/sha256', () => {
  // FIPS 180-4 example vectors (NIST CSRC "SHA-256" examples).
  it('should match the FIPS 180-4 vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1')
  })

  it('should agree with node:crypto on any text, Chinese included, across block boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'))
      }),
      { numRuns: 300 },
    )
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000]) expect(sha256Hex('办'.repeat(n))).toBe(createHash('sha256').update('办'.repeat(n)).digest('hex'))
  })

  it('should hash the same event the same whatever its key order (canonical JSON)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } })).toBe('{"a":{"d":[1,{"e":3,"f":2}]},"b":1}')
  })
})
