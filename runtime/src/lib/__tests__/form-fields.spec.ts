import { describe, expect, it } from 'vitest'
import type { FormSchema } from '../../api/types'
import { mergedPermissions, staffFieldsOf, valueFields, withoutFields, writablePatch } from '../form-fields'

const schema: FormSchema = {
  type: 'object',
  properties: {
    block: { type: 'void', 'x-component': 'FormGrid', properties: { orgName: { type: 'string', title: '宗教团体名称' }, phone: { type: 'string', title: '联系电话' } } },
    venueName: { type: 'string', title: '拟设立场所名称' },
    reviewOpinion: { type: 'string', title: '审查意见' },
    decision: { type: 'string' },
  },
}

describe('lib/form-fields', () => {
  it('should name the fields handling steps write, not the acceptance step', () => {
    const flow = {
      nodes: [
        { id: 'accept', type: 'step', kind: 'acceptance', fieldPermissions: { venueName: 'write' } },
        { id: 'review', type: 'step', kind: 'handling', fieldPermissions: { reviewOpinion: 'write', decision: 'read' } },
        { id: 'approve', type: 'step', kind: 'handling', fieldPermissions: { decision: 'write' } },
        { id: 'start', type: 'start' },
      ],
    } as never
    expect(staffFieldsOf(flow).sort()).toEqual(['decision', 'reviewOpinion'])
  })

  it('should drop fields, also inside void containers, without touching the original', () => {
    const out = withoutFields(schema, ['reviewOpinion', 'phone'])
    expect(Object.keys(out.properties)).toEqual(['block', 'venueName', 'decision'])
    expect(Object.keys((out.properties.block as { properties: object }).properties)).toEqual(['orgName'])
    expect(Object.keys(schema.properties)).toHaveLength(4)
    expect(withoutFields(schema, [])).toBe(schema)
  })

  it('should list value fields with their titles in order', () => {
    expect(valueFields(schema)).toEqual([
      { key: 'orgName', title: '宗教团体名称' },
      { key: 'phone', title: '联系电话' },
      { key: 'venueName', title: '拟设立场所名称' },
      { key: 'reviewOpinion', title: '审查意见' },
      { key: 'decision', title: 'decision' },
    ])
  })

  it('should merge permissions of several open steps, write winning', () => {
    expect(mergedPermissions([{ fieldPermissions: { a: 'read', b: 'hidden' } }, { fieldPermissions: { a: 'write', b: 'read', c: 'hidden' } }])).toEqual({ a: 'write', b: 'read', c: 'hidden' })
    expect(mergedPermissions([])).toEqual({})
  })

  it('should send only the writable fields that have a value', () => {
    expect(writablePatch({ reviewOpinion: '同意', decision: 'approve', orgName: 'x' }, { reviewOpinion: 'write', decision: 'read' })).toEqual({ reviewOpinion: '同意' })
    expect(writablePatch({ a: 1 }, { a: 'read' })).toBeUndefined()
    expect(writablePatch({}, { a: 'write' })).toBeUndefined()
  })
})
