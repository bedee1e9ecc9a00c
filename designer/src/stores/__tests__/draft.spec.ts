import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'

const template = JSON.parse(readFileSync(resolve(__dirname, '../../../../templates/religious-venue-preparation.json'), 'utf8')) as Record<string, unknown>
const item = { key: 'venue', name: 'x', category: '01', departmentId: 'sc-mzw', status: 'published', publishedVersion: 1, createdAt: 0, updatedAt: 0 }
const version = (n: number, status: string) => ({ key: 'venue', version: n, status, changeRequest: null, review: null, effectiveDate: null, createdBy: null, createdAt: 0, updatedAt: 0 })

const api = vi.hoisted(() => ({
  getItem: vi.fn(),
  getVersion: vi.fn(),
  saveDraft: vi.fn(),
  submitItem: vi.fn(),
  discardDraft: vi.fn(),
}))
vi.mock('../../api', () => api)

import { BACKUP_MS, useDraftStore } from '../draft'
import { useSessionStore } from '../session'

async function settle(ms: number) {
  await nextTick()
  await vi.advanceTimersByTimeAsync(ms)
  await nextTick()
}

describe('stores/draft', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
    localStorage.clear()
    useSessionStore().user = { id: 'designer', username: 'designer', name: '设计员', departmentId: 'sc-mzw', roles: ['designer'], posts: [] }
    api.getItem.mockResolvedValue({ item, versions: [version(1, 'published')] })
    api.getVersion.mockResolvedValue({ ...version(1, 'published'), definition: structuredClone(template) })
    api.saveDraft.mockImplementation(async (_key: string, definition: unknown) => ({ ...version(2, 'draft'), definition }))
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.clearAllMocks()
  })

  it('should open the latest version, editable, with no diagnostics for a valid template', async () => {
    const draft = useDraftStore()
    await draft.load('venue')
    expect(draft.readonly).toBe(false)
    expect(draft.saveState).toBe('clean')
    expect(draft.errors).toEqual([])
  })

  it('should autosave an edit as the server draft shortly after', async () => {
    const draft = useDraftStore()
    await draft.load('venue')
    draft.definition!.item.name = '宗教活动场所筹备设立审批（修订）'
    await settle(BACKUP_MS + 50)
    expect(draft.saveState).toBe('dirty')
    expect(localStorage.getItem('sunlight.designer.draft.venue')).toContain('修订')
    await settle(1500)
    expect(api.saveDraft).toHaveBeenCalledTimes(1)
    expect(api.saveDraft.mock.calls[0]![1].item.name).toBe('宗教活动场所筹备设立审批（修订）')
    expect(draft.saveState).toBe('saved')
    expect(localStorage.getItem('sunlight.designer.draft.venue')).toBeNull()
  })

  it('should keep the browser copy when saving fails and offer it on the next load', async () => {
    api.saveDraft.mockRejectedValue(new Error('offline'))
    const draft = useDraftStore()
    await draft.load('venue')
    draft.definition!.item.name = '离线修改'
    await settle(1500)
    expect(draft.saveState).toBe('error')
    expect(draft.dirty).toBe(true)
    await draft.load('venue')
    expect(draft.backup).not.toBeNull()
    draft.restoreBackup()
    expect(draft.definition!.item.name).toBe('离线修改')
  })

  it('should not serialise each keystroke: one browser copy after a quiet pause, yet dirty at once', async () => {
    const draft = useDraftStore()
    await draft.load('venue')
    const setItem = vi.spyOn(localStorage, 'setItem')
    for (const name of ['宗', '宗教', '宗教场']) {
      draft.definition!.item.name = name
      await settle(BACKUP_MS / 3)
      expect(draft.dirty).toBe(true)
    }
    expect(setItem).not.toHaveBeenCalled()
    await settle(BACKUP_MS)
    expect(setItem).toHaveBeenCalledTimes(1)
    expect(localStorage.getItem('sunlight.designer.draft.venue')).toContain('宗教场')
    setItem.mockRestore()
  })

  it.each([
    ['the page is hidden', () => window.dispatchEvent(new Event('pagehide'))],
    ['the window loses focus', () => window.dispatchEvent(new Event('blur'))],
    ['the tab is closed', () => window.dispatchEvent(new Event('beforeunload'))],
  ])('should write the browser copy at once when %s', async (_when, leave) => {
    const draft = useDraftStore()
    await draft.load('venue')
    draft.definition!.item.name = '未保存的修改'
    await nextTick()
    expect(localStorage.getItem('sunlight.designer.draft.venue')).toBeNull()
    leave()
    expect(localStorage.getItem('sunlight.designer.draft.venue')).toContain('未保存的修改')
    expect(draft.saveState).toBe('dirty')
  })

  it('should back up a pending edit before saving, so a failed save still leaves the browser copy', async () => {
    api.saveDraft.mockRejectedValue(new Error('offline'))
    const draft = useDraftStore()
    await draft.load('venue')
    draft.definition!.item.name = '离开前的修改'
    await nextTick()
    await draft.save()
    expect(draft.saveState).toBe('error')
    expect(localStorage.getItem('sunlight.designer.draft.venue')).toContain('离开前的修改')
  })

  it('should not mark a no-op edit as unsaved once compared', async () => {
    const draft = useDraftStore()
    await draft.load('venue')
    const name = draft.definition!.item.name
    draft.definition!.item.name = name + 'x'
    draft.definition!.item.name = name
    await settle(BACKUP_MS + 50)
    expect(draft.dirty).toBe(false)
    expect(localStorage.getItem('sunlight.designer.draft.venue')).toBeNull()
    await settle(1500)
    expect(api.saveDraft).not.toHaveBeenCalled()
  })

  it('should be read only while a version is in review, and never save', async () => {
    api.getItem.mockResolvedValue({ item: { ...item, status: 'inReview' }, versions: [version(1, 'published'), version(2, 'submitted')] })
    const draft = useDraftStore()
    await draft.load('venue')
    expect(draft.readonlyReason).toBe('inReview')
    draft.definition!.item.name = 'changed'
    await settle(2000)
    expect(api.saveDraft).not.toHaveBeenCalled()
  })

  it('should report the latest review outcome with its reasons', async () => {
    const rejected = { ...version(2, 'rejected'), review: { outcome: 'rejected', reviewerName: '陈法制', reasons: { publicFlow: '环节名称不规范' } } }
    api.getItem.mockResolvedValue({ item: { ...item, status: 'published' }, versions: [version(1, 'published'), rejected] })
    const draft = useDraftStore()
    await draft.load('venue')
    expect(draft.lastReview).toEqual({ version: 2, review: rejected.review })
  })
})
