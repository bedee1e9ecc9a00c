import { describe, expect, it } from 'vitest'
import { creditCodeCheckChar, defaultCodePatterns, generateCode, isValidCreditCode, matchCode } from '../src/index'

describe('definition/codes', () => {
  // GB 32100-2015: check character over the first 17 with weights 3^i mod 31.
  it('should accept a real unified social credit code', () => {
    expect(isValidCreditCode('115113010833722043')).toBe(true)
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
  })

  it('should reject a wrong check character, a forbidden letter and a wrong length', () => {
    expect(isValidCreditCode('115113010833722044')).toBe(false)
    expect(isValidCreditCode('91350100M000100I43')).toBe(false)
    expect(isValidCreditCode('11511301083372204')).toBe(false)
  })

  it('should compute the check character', () => {
    expect(creditCodeCheckChar('11510000008231760')).toBe('L')
  })

  it('should generate a basic code from the default pattern with zero padding', () => {
    expect(generateCode(defaultCodePatterns.basic, { type: 'XK', main: 101, sub: 0 })).toBe('XK00101000')
  })

  it('should generate and match an implementation code carrying the credit code', () => {
    const code = generateCode(defaultCodePatterns.impl, { basic: 'XK00101000', region: '510000000000', credit: '11510000008231760L', variant: 1, sub: 0 })
    expect(code).toBe('XK00101000-510000000000-000-11510000008231760L-1-00')
    expect(matchCode(defaultCodePatterns.impl, code, { basic: 'XK00101000' })).toEqual({
      ok: true,
      parts: { basic: 'XK00101000', region: '510000000000', credit: '11510000008231760L', variant: '1', sub: '00' },
    })
  })

  it('should not match an implementation code whose credit code fails its check', () => {
    expect(matchCode(defaultCodePatterns.impl, 'XK00101000-510000000000-000-11510000008231760X-1-00', { basic: 'XK00101000' }).ok).toBe(false)
  })

  it('should throw on a programmer error: a value missing or too long for its width', () => {
    expect(() => generateCode('{type:2}', {})).toThrow(/no value/)
    expect(() => generateCode('{type:2}', { type: 'XKX' })).toThrow(/2 characters/)
  })
})
