import { describe, expect, it } from 'vitest'
import { clearDraft, loadDraft, saveDraft, type ApplicationDraft } from '../draft'

function memory() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m }
}

const draft: ApplicationDraft = { itemKey: 'religious-venue-preparation', itemVersion: 1, savedAt: 1, applicant: { name: '某协会' }, form: { venueName: '某寺' }, files: { application: [{ name: 'a.pdf', sha256: 'ab' }] }, paper: ['lower-opinions'] }

describe('lib/draft', () => {
  it('should save and load a draft of the same version', () => {
    const s = memory()
    expect(saveDraft(s, draft)).toBe(true)
    expect(loadDraft(s, draft.itemKey, 1)).toEqual(draft)
  })

  it('should drop a draft made for another published version', () => {
    const s = memory()
    saveDraft(s, draft)
    expect(loadDraft(s, draft.itemKey, 2)).toBeUndefined()
    expect(s.m.size).toBe(0)
  })

  it('should drop a corrupt draft and survive storage errors', () => {
    const s = memory()
    s.setItem('sunlight:draft:x', '{not json')
    expect(loadDraft(s, 'x', 1)).toBeUndefined()
    expect(s.m.size).toBe(0)
    const denied = { getItem: () => { throw new Error('denied') }, setItem: () => { throw new Error('full') }, removeItem: () => { throw new Error('denied') } }
    expect(saveDraft(denied, draft)).toBe(false)
    expect(loadDraft(denied, 'x', 1)).toBeUndefined()
    expect(() => clearDraft(denied, 'x')).not.toThrow()
  })

  it('should clear a draft', () => {
    const s = memory()
    saveDraft(s, draft)
    clearDraft(s, draft.itemKey)
    expect(loadDraft(s, draft.itemKey, 1)).toBeUndefined()
  })
})
