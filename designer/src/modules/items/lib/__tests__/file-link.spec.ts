import { describe, expect, it } from 'vitest'
import { safeFileLink } from '../file-link'

describe('items/file-link', () => {
  it('should keep an uploaded file link and an https URL', () => {
    expect(safeFileLink('/api/files/0b0c?token=abc')).toBe('/api/files/0b0c?token=abc')
    expect(safeFileLink(' https://www.gov.cn/zhengce/样表.pdf ')).toBe('https://www.gov.cn/zhengce/样表.pdf')
  })

  it('should refuse script and data URLs in any spelling', () => {
    for (const ref of ['javascript:window.__xss=1', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'java\tscript:x'])
      expect(safeFileLink(ref)).toBeUndefined()
  })

  it('should refuse protocol-relative, plain http and other paths', () => {
    for (const ref of ['//evil.example/x.pdf', '/api//evil.example/x', 'http://example.com/x.pdf', 'files/x.pdf', '', undefined]) expect(safeFileLink(ref)).toBeUndefined()
  })
})
