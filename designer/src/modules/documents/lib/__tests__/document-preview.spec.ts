import { isValidCreditCode, isValidIdCard, parseDefinition, validateFormData, type PowerItemDefinition } from '@sunlight/definition'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sampleFormValues } from '../../../simulation/lib/sample-data'
import { BLANK, enumLabeller, formatDocNo, pdfPreviewBody, renderBody, sampleFacts } from '../document-preview'

const def = parseDefinition(JSON.parse(readFileSync(resolve(__dirname, '../../../../../../templates/religious-venue-preparation.json'), 'utf8'))).definition as PowerItemDefinition

describe('documents/document-preview', () => {
  it('should substitute placeholders as text and mark blanks', () => {
    const segs = renderBody('你单位申请的{{item.name}}（{{ case.caseNo }}）<b>{{form.none}}</b>', sampleFacts(def, {}, 'X'))
    expect(segs.map((s) => s.text).join('')).toBe(`你单位申请的${def.item.name}（SC20260302000001）<b>${BLANK}</b>`)
    expect(segs.find((s) => s.placeholder === 'form.none')?.missing).toBe(true)
  })
  it('should number documents by the pattern', () => {
    expect(formatDocNo('川宗许受〔{year}〕{seq:3}号', { dept: '川宗', year: 2026, seq: 7 })).toBe('川宗许受〔2026〕007号')
  })
  it('should print option labels instead of codes', () => {
    const form = sampleFormValues(def.form)
    const field = Object.keys(form).find((k) => typeof form[k] === 'string' && /^[a-z]+$/.test(form[k] as string))
    if (!field) return
    const label = enumLabeller(def)(`form.${field}`, form[field])
    expect(label).not.toBe(form[field])
  })
})

describe('documents/pdf-preview body', () => {
  it('should send the sample form and the string and number case facts only', () => {
    const body = pdfPreviewBody({ form: { orgName: '某协会' }, case: { caseNo: 'SC1', days: 20, list: ['x'] as unknown as string, 'bad key': 'y' }, item: {}, doc: {} })
    expect(body).toEqual({ form: { orgName: '某协会' }, case: { caseNo: 'SC1', days: 20 } })
  })
})

describe('simulation/sample-data', () => {
  it('should give form values that pass the server-side form check for every template', () => {
    const dir = resolve(__dirname, '../../../../../../templates')
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const d = JSON.parse(readFileSync(resolve(dir, name), 'utf8')) as PowerItemDefinition
      const values = sampleFormValues(d.form)
      const { errors } = validateFormData(d.form, values)
      expect(errors, name).toEqual([])
    }
  })
  it('should produce ID and credit codes with valid check characters', () => {
    const values = sampleFormValues({ type: 'object', properties: { id: { type: 'string', title: '身份证号码', 'x-validator': 'idCard' }, cc: { type: 'string', title: '统一社会信用代码', 'x-validator': 'creditCode' } } })
    expect(isValidIdCard(values.id as string)).toBe(true)
    expect(isValidCreditCode(values.cc as string)).toBe(true)
  })
})
