import { describe, expect, it } from 'vitest'
import template from '../../../templates/religious-venue-preparation.json'
import { labelledSchema } from '../src/index'

type Node = { title?: string; 'x-decorator'?: string; 'x-component-props'?: Record<string, unknown>; properties?: Record<string, Node> }

/** Every field with a decorator (an input), wherever it is nested. */
function inputs(n: Node, out: [string, Node][] = []): [string, Node][] {
  for (const [k, c] of Object.entries(n.properties ?? {})) {
    if (c['x-decorator']) out.push([k, c])
    inputs(c, out)
  }
  return out
}

describe('form-renderer/labelledSchema', () => {
  it('should name every titled input after its title, however deeply it is nested', () => {
    const fields = inputs(labelledSchema(template.form) as Node)
    expect(fields.length).toBeGreaterThan(8)
    expect(Object.fromEntries(fields)['orgName']?.['x-component-props']?.['aria-label']).toBe('宗教团体名称')
    for (const [, f] of fields.filter(([, f]) => f.title)) expect(f['x-component-props']?.['aria-label']).toBe(f.title)
  })

  it('should keep a name the author gave, and leave layouts without an input alone', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string', title: '甲', 'x-decorator': 'FormItem', 'x-component': 'Input', 'x-component-props': { 'aria-label': '自定义', placeholder: 'p' } },
        box: { type: 'void', title: '基本情况', 'x-component': 'Card', properties: { b: { type: 'string', title: '乙', 'x-decorator': 'FormItem', 'x-component': 'Input' } } },
      },
    }
    const out = labelledSchema(schema) as typeof schema & { properties: { box: { properties: { b: Record<string, unknown> } } } }
    expect(out.properties.a['x-component-props']).toEqual({ 'aria-label': '自定义', placeholder: 'p' })
    expect(out.properties.box).not.toHaveProperty('x-component-props')
    expect(out.properties.box.properties.b['x-component-props']).toEqual({ 'aria-label': '乙' })
  })

  it('should not change the schema it is given', () => {
    const before = JSON.stringify(template.form)
    labelledSchema(template.form)
    expect(JSON.stringify(template.form)).toBe(before)
  })
})
