import { describe, expect, it } from 'vitest'
import { appliesOnline, defaultDictionaries } from '../src/index'

describe('definition/appliesOnline', () => {
  it('should keep penalties, coercive measures and inspections (依职权) out of online application', () => {
    expect(['02', '03', '06'].map(appliesOnline)).toEqual([false, false, false])
  })

  it('should let the public apply for every other category of the dictionary (依申请)', () => {
    const others = defaultDictionaries.category.filter((c) => !['02', '03', '06'].includes(c.code)).map((c) => c.code)
    expect(others.length).toBeGreaterThan(5)
    expect(others.every(appliesOnline)).toBe(true)
  })
})
