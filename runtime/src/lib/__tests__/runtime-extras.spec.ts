import { describe, expect, it, vi } from 'vitest'
import { orderedTemplates, templateOffer } from '../documents'
import { receiptFileName, saveBlob } from '../download'
import { formatRate, formatWorkdays } from '../transparency'

describe('lib/documents', () => {
  it('should offer issue only when the act happened and the document fits the outcome', () => {
    expect(templateOffer({ issuedDocumentId: null, actDone: true, available: true })).toBe('issue')
    expect(templateOffer({ issuedDocumentId: null, actDone: true, available: false })).toBe('notFitting')
    expect(templateOffer({ issuedDocumentId: null, actDone: false, available: false })).toBe('notYet')
    expect(templateOffer({ issuedDocumentId: 'd1', actDone: true, available: true })).toBe('issued')
  })

  it('should list the issuable first and the not-fitting last, otherwise in definition order', () => {
    const list = [
      { id: 'approval', issuedDocumentId: null, actDone: true, available: false },
      { id: 'notice', issuedDocumentId: 'd1', actDone: true, available: true },
      { id: 'later', issuedDocumentId: null, actDone: false, available: false },
      { id: 'denial', issuedDocumentId: null, actDone: true, available: true },
    ]
    expect(orderedTemplates(list).map((t) => t.id)).toEqual(['denial', 'notice', 'later', 'approval'])
  })
})

describe('lib/transparency formatting', () => {
  it('should show an on-time rate as a percentage, or a dash when nothing was timed', () => {
    expect(formatRate(0.5)).toBe('50%')
    expect(formatRate(0.667)).toBe('66.7%')
    expect(formatRate(1)).toBe('100%')
    expect(formatRate(null)).toBe('—')
  })

  it('should say the duration is in working days, in the UI language', () => {
    expect(formatWorkdays(12)).toBe('12 个工作日')
    expect(formatWorkdays(3.5, 'en-US')).toBe('3.5 working days')
    expect(formatWorkdays(1, 'en-US')).toBe('1 working day')
    expect(formatWorkdays(null)).toBe('—')
  })
})

describe('lib/download', () => {
  it('should save a blob through a temporary link with the file name', () => {
    const clicked: string[] = []
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    const origClick = HTMLAnchorElement.prototype.click
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(`${this.download}|${this.getAttribute('href')}`)
    }
    try {
      saveBlob(new Blob(['%PDF-']), receiptFileName('SL20260302000001'))
    } finally {
      HTMLAnchorElement.prototype.click = origClick
      create.mockRestore()
    }
    expect(clicked).toEqual(['申请回执-SL20260302000001.pdf|blob:x'])
    expect(document.querySelectorAll('a[download]').length).toBe(0)
  })
})

describe('lib/operations transferTargets', () => {
  it('should offer colleagues holding the step\'s post, never the user', async () => {
    const { transferTargets } = await import('../operations')
    const list = [
      { id: 'a', name: '冯执法', posts: ['investigator'], self: true },
      { id: 'b', name: '陈执法', posts: ['investigator'], self: false },
      { id: 'c', name: '褚法制', posts: ['legal'], self: false },
    ]
    expect(transferTargets(list, 'investigator').map((c) => c.id)).toEqual(['b'])
    expect(transferTargets(list, 'chief')).toEqual([])
  })
})
