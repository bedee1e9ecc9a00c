import { createHash } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { sha256Hex, useSha256 } from '../src/index'

const native = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

describe('engine/useSha256: a host may plug in a native SHA-256', () => {
  afterEach(() => useSha256(undefined))

  it('should use the plugged function once it passed the checks', () => {
    let calls = 0
    useSha256((s) => {
      calls++
      return native(s)
    })
    calls = 0
    expect(sha256Hex('受理')).toBe(native('受理'))
    expect(calls).toBe(1)
  })

  it('should refuse a function that is not SHA-256 and keep the built-in one', () => {
    expect(() => useSha256((s) => createHash('sha1').update(s).digest('hex'))).toThrow(/disagrees with SHA-256/)
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  it('should refuse a function that mishandles multi-byte text', () => {
    // Hashing UTF-16 code units as Latin-1 bytes: right for ASCII, wrong for Chinese.
    expect(() => useSha256((s) => createHash('sha256').update(s, 'latin1').digest('hex'))).toThrow(/disagrees/)
  })
})
