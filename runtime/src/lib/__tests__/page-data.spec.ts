import { describe, expect, it } from 'vitest'
import { PAGE_DATA_ID, readPageEntry } from '../page-data'

function docWith(html: string): Document {
  const doc = document.implementation.createHTMLDocument('t')
  doc.body.innerHTML = html
  return doc
}

const entry = { key: 'religious-venue-preparation', version: 2, item: { name: '宗教活动场所筹备设立审批' }, form: { type: 'object', properties: {} } }

describe('lib/page-data', () => {
  it('should read the entry the server put inline, escapes included', () => {
    const json = JSON.stringify({ entry: { ...entry, item: { name: '</script><img src=x onerror=alert(1)>' } } }).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')
    const doc = docWith(`<script type="application/json" id="${PAGE_DATA_ID}">${json}</script>`)
    expect(readPageEntry(doc)?.item.name).toBe('</script><img src=x onerror=alert(1)>')
  })

  it('should give nothing when the page has no data, bad JSON or not an entry', () => {
    expect(readPageEntry(docWith('<p>no data</p>'))).toBeUndefined()
    expect(readPageEntry(docWith(`<script type="application/json" id="${PAGE_DATA_ID}">{not json</script>`))).toBeUndefined()
    expect(readPageEntry(docWith(`<script type="application/json" id="${PAGE_DATA_ID}">{"entry":{"key":1}}</script>`))).toBeUndefined()
  })
})
