import { describe, expect, it } from 'vitest'
import { supervisionMessages } from '../index'

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix]
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('supervision/i18n', () => {
  it('should have the same keys in Chinese and English', () => {
    expect(keys(supervisionMessages['en-US']).sort()).toEqual(keys(supervisionMessages['zh-CN']).sort())
  })

  it('should not use characters vue-i18n treats as syntax (| pluralises, @ links)', () => {
    for (const m of Object.values(supervisionMessages)) for (const k of keys(m)) {
      const value = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m)
      expect(String(value), k).not.toMatch(/[|@]/)
    }
  })

  it('should name every card state and action the lifecycle knows', async () => {
    const { CARD_STATES } = await import('../../lib/cards')
    const zh = keys(supervisionMessages['zh-CN'])
    for (const s of CARD_STATES) expect(zh).toContain(`sv.card.s.${s}`)
    for (const a of ['confirm', 'dismiss', 'feedback', 'appeal', 'decideAppeal', 'order', 'close']) expect(zh).toContain(`sv.card.a.${a}`)
  })
})
