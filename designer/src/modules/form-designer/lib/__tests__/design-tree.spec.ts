import { collectFormFields } from '@sunlight/definition'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fieldPaths, schemaToTree, treeToSchema } from '../design-tree'

const template = (name: string) => JSON.parse(readFileSync(resolve(__dirname, `../../../../../../templates/${name}.json`), 'utf8')) as { form: Record<string, unknown> }

describe('form-designer/design-tree', () => {
  it('should keep every field path of a real template through a round trip', () => {
    const { form } = template('minimum-living-allowance')
    const back = treeToSchema(schemaToTree(form))
    expect(collectFormFields(back).map((f) => f.path)).toEqual(collectFormFields(form).map((f) => f.path))
  })
  it('should keep unknown keys and linkage untouched', () => {
    const { form } = template('minimum-living-allowance')
    const back = treeToSchema(schemaToTree(form)) as { properties: Record<string, Record<string, unknown>> }
    const original = (form as { properties: Record<string, Record<string, unknown>> }).properties
    expect(back.properties.perCapitaIncome).toEqual(original.perCapitaIncome)
    expect(back.properties.agentOrg).toEqual(original.agentOrg)
  })
  it('should wrap sub-table fields in ArrayTable columns and read them back', () => {
    const { form } = template('minimum-living-allowance')
    const schema = treeToSchema(schemaToTree(form)) as { properties: { members: { items: { properties: Record<string, Record<string, unknown>> }; properties: Record<string, unknown> } } }
    const cols = schema.properties.members.items.properties
    expect(Object.keys(cols)).toContain('column_memberName')
    expect(cols.column_memberName?.['x-component']).toBe('ArrayTable.Column')
    expect(Object.values(schema.properties.members.properties).some((p) => (p as Record<string, unknown>)['x-component'] === 'ArrayTable.Addition')).toBe(true)
    const again = schemaToTree(schema)
    const members = again.children.find((c) => c.name === 'members')
    expect(members?.children.map((c) => c.name)).toEqual(['memberName', 'relation', 'memberIdNo', 'health', 'employment'])
    expect(treeToSchema(again)).toEqual(schema)
  })
  it('should list data paths through void layouts, objects and arrays', () => {
    const tree = schemaToTree({
      type: 'object',
      properties: {
        grid: { type: 'void', 'x-component': 'FormGrid', properties: { a: { type: 'string' } } },
        o: { type: 'object', properties: { b: { type: 'string' } } },
        rows: { type: 'array', 'x-component': 'ArrayCards', items: { type: 'object', properties: { c: { type: 'string' }, remove: { type: 'void', 'x-component': 'ArrayCards.Remove' } } } },
      },
    })
    expect(fieldPaths(tree).map((f) => f.path)).toEqual(['a', 'o', 'o.b', 'rows', 'rows.*.c'])
  })
  it('should order children by x-index when present', () => {
    const tree = schemaToTree({ type: 'object', properties: { b: { type: 'string', 'x-index': 1 }, a: { type: 'string', 'x-index': 0 } } })
    expect(tree.children.map((c) => c.name)).toEqual(['a', 'b'])
    expect(Object.keys((treeToSchema(tree) as { properties: object }).properties)).toEqual(['a', 'b'])
  })
})
