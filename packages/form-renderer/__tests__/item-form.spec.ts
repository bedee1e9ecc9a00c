import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import template from '../../../templates/religious-venue-preparation.json'
import { ItemForm, createItemForm } from '../src/index'


function render(values: Record<string, unknown> = {}, permissions?: Record<string, 'read' | 'write' | 'hidden'>) {
  const form = createItemForm({ values, permissions })
  const wrapper = mount(ItemForm, { props: { form, schema: template.form }, global: { plugins: [ElementPlus] } })
  return { form, wrapper }
}

describe('form-renderer/item-form', () => {
  it('should render the published form with its Chinese labels', async () => {
    const { wrapper } = render()
    await nextTick()
    expect(wrapper.text()).toContain('宗教团体名称')
    expect(wrapper.text()).toContain('拟设立场所名称')
  })

  it('should refuse to submit while required fields are empty', async () => {
    const { form } = render()
    await nextTick()
    await expect(form.submit()).rejects.toBeDefined()
    expect(form.errors.map((e) => e.path)).toContain('orgName')
  })

  it('should show a linked field only when its condition holds, through the safe compiler', async () => {
    const { form } = render({ needsNeighbourOpinion: false })
    await nextTick()
    expect(form.query('neighbourNote').take()?.visible).toBe(false)
    form.setValuesIn('needsNeighbourOpinion', true)
    await nextTick()
    expect(form.query('neighbourNote').take()?.visible).toBe(true)
  })

  it('should never execute script placed in a schema expression', async () => {
    const evil = { type: 'object', properties: { a: { type: 'string', 'x-component': 'Input', 'x-decorator': 'FormItem', 'x-visible': "{{constructor.constructor('globalThis.__pwned=1')()}}" } } }
    const form = createItemForm()
    expect(() => mount(ItemForm, { props: { form, schema: evil }, global: { plugins: [ElementPlus] } })).toThrow()
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined()
  })

  it('should make fields read-only or hidden according to the step permissions', async () => {
    const { form } = render({ orgName: '某协会' }, { reviewOpinion: 'write', decision: 'hidden' })
    await nextTick()
    expect(form.query('orgName').take()?.pattern).toBe('readPretty')
    expect(form.query('reviewOpinion').take()?.pattern).toBe('editable')
    expect(form.query('decision').take()?.display).toBe('none')
  })

  it('should show an empty read-only field as a dash, not "N/A"', async () => {
    const { wrapper } = render({ orgName: '某协会' }, { reviewOpinion: 'write' })
    await nextTick()
    expect(wrapper.text()).toContain('某协会')
    expect(wrapper.text()).not.toContain('N/A')
    expect(wrapper.text()).toContain('—')
  })
})
