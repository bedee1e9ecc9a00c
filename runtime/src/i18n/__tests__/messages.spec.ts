import { describe, expect, it } from 'vitest'
import { messages } from '../all-messages'
import { eventKey } from '../../lib/timeline'

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix]
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('i18n/messages', () => {
  it('should have the same keys in Chinese and English', () => {
    expect(keys(messages['en-US']).sort()).toEqual(keys(messages['zh-CN']).sort())
  })

  it('should name every case event type of the engine', () => {
    const types = ['case:submitted', 'case:accepted', 'case:refused', 'case:supplementRequested', 'case:supplemented', 'case:specialProcedureStarted', 'case:specialProcedureEnded', 'case:extended', 'case:suspended', 'case:resumed', 'step:completed', 'step:signed', 'step:returned', 'step:withdrawn', 'step:transferred', 'case:merged', 'case:mergedInto', 'case:concluded', 'case:voided', 'monitor:raised']
    const zh = keys(messages['zh-CN'])
    for (const t of types) expect(zh).toContain(eventKey(t))
  })

  it('should not use characters vue-i18n treats as syntax (| pluralises, @ links)', () => {
    for (const m of Object.values(messages)) for (const k of keys(m)) {
      const value = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m)
      expect(String(value), k).not.toMatch(/[|@]/)
    }
  })
})
