import { describe, expect, it } from 'vitest'
import type { Clock } from '../../api/types'
import { levelLook, sortClocks, worstLevel } from '../clock'

const clock = (kind: Clock['kind'], level: Clock['level'] = 'normal'): Clock => ({ kind, level, start: 0, limit: { value: 5, unit: 'workdays' }, paused: false })

describe('lib/clock', () => {
  it('should give each level its own colour and label', () => {
    expect(levelLook('normal')).toMatchObject({ tag: 'success', labelKey: 'level.normal' })
    expect(levelLook('warning').labelKey).toBe('level.warning')
    expect(levelLook('yellow').tag).toBe('warning')
    expect(levelLook('red')).toMatchObject({ tag: 'danger', rowClass: 'level-red' })
  })

  it('should look normal for an unknown or missing level', () => {
    expect(levelLook(undefined).labelKey).toBe('level.normal')
    expect(levelLook('purple').labelKey).toBe('level.normal')
  })

  it('should take the most severe level', () => {
    expect(worstLevel([])).toBe('normal')
    expect(worstLevel(['normal', 'yellow', 'warning'])).toBe('yellow')
    expect(worstLevel(['red', 'yellow'])).toBe('red')
  })

  it('should list the promised and statutory limits before acceptance and step limits', () => {
    expect(sortClocks([clock('step'), clock('statutory'), clock('preAcceptance'), clock('promised')]).map((c) => c.kind)).toEqual(['promised', 'statutory', 'preAcceptance', 'step'])
  })
})
