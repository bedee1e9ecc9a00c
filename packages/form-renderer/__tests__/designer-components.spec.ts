import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { nextTick } from 'vue'
import { describe, expect, it } from 'vitest'
import { ItemForm, checkFormat, checkPattern, createItemForm } from '../src/index'

const field = (title: string, extra: Record<string, unknown> = {}) => ({ type: 'string', title, 'x-decorator': 'FormItem', 'x-component': 'Input', ...extra })

/** What the designer's palette produces: the applicant block (a Card), a divider, a notice. */
const schema = {
  type: 'object',
  properties: {
    notice: { type: 'void', 'x-component': 'Text', 'x-component-props': { content: '填写说明：请如实填写。<b>不是HTML</b>', type: 'warning' } },
    applicantBlock: {
      type: 'void',
      'x-component': 'Card',
      'x-component-props': { title: '申请人信息' },
      properties: {
        applicantName: field('申请人姓名（名称）', { required: true }),
        applicantIdNo: field('证件号码', { 'x-validator': 'idCard' }),
      },
    },
    divider: { type: 'void', 'x-component': 'Divider', 'x-component-props': { title: '项目情况' } },
    plate: field('车牌号码', { 'x-validator': [{ pattern: '^川[A-Z][A-Z0-9]{5}$', message: '请填写四川车牌' }] }),
    code: field('编号', { pattern: '^(a+)+$' }),
  },
}

function render(values: Record<string, unknown> = {}) {
  const form = createItemForm({ values })
  const wrapper = mount(ItemForm, { props: { form, schema }, global: { plugins: [ElementPlus] } })
  return { form, wrapper }
}

describe('form-renderer/designer components and rules', () => {
  it('should render the designer\'s Card with its title and its fields inside', async () => {
    const { wrapper } = render()
    await nextTick()
    const card = wrapper.find('.sl-form-card')
    expect(card.exists()).toBe(true)
    expect(card.text()).toContain('申请人信息')
    expect(card.text()).toContain('申请人姓名（名称）')
  })

  it('should render the Divider title and the Text notice as text, never as HTML', async () => {
    const { wrapper } = render()
    await nextTick()
    expect(wrapper.find('.sl-form-divider').text()).toBe('项目情况')
    const notice = wrapper.find('.sl-form-text')
    expect(notice.text()).toContain('<b>不是HTML</b>')
    expect(notice.find('b').exists()).toBe(false)
  })

  it('should refuse a wrong ID check character with the GB 11643 rule', async () => {
    const { form } = render({ applicantName: '张三', applicantIdNo: '110105194912310021' })
    await nextTick()
    await expect(form.validate()).rejects.toBeDefined()
    expect(form.errors.map((e) => e.path)).toEqual(['applicantIdNo'])
    form.setValuesIn('applicantIdNo', '11010519491231002X')
    await form.validate()
    expect(form.errors).toEqual([])
  })

  it('should apply a designer\'s pattern rule with its message', async () => {
    const { form } = render({ applicantName: '张三', plate: '京A12345' })
    await nextTick()
    await expect(form.validate()).rejects.toBeDefined()
    expect(form.errors.map((e) => [e.path, e.messages?.[0]])).toEqual([['plate', '请填写四川车牌']])
  })

  it('should match an evil pattern against a long value in linear time', async () => {
    const { form } = render({ applicantName: '张三', code: `${'a'.repeat(20_000)}!` })
    await nextTick()
    const t0 = performance.now()
    await expect(form.validate()).rejects.toBeDefined()
    expect(performance.now() - t0).toBeLessThan(2_000)
    expect(form.errors.map((e) => e.path)).toEqual(['code'])
  })

  it('should check formats and patterns with the server\'s rules', () => {
    expect(checkFormat('creditCode', '91510100MA61234567', 'bad')).toBe('bad')
    expect(checkFormat('zip', '610000', 'bad')).toBe('')
    expect(checkPattern('^(a)\\1$', 'aa', 'bad')).toBe('bad')
    expect(checkPattern('^\\d{6}$', '', 'bad')).toBe('')
  })
})

describe('form-renderer/RegionCascader', () => {
  const regionSchema = { type: 'object', properties: { region: { type: 'array', title: '所在地区', 'x-decorator': 'FormItem', 'x-component': 'RegionCascader', required: true } } }

  it('should offer every province from the GB/T 2260 dictionary', async () => {
    const { regionOptions } = await import('../src/index')
    const provinces = regionOptions()
    expect(provinces).toHaveLength(34)
    expect(provinces.find((p) => p.value === '510000')?.children?.find((c) => c.value === '510100')?.children?.length).toBeGreaterThan(10)
  })

  it('should render the cascader in a form and keep the chosen codes as the value', async () => {
    const form = createItemForm({ values: { region: ['510000', '510100', '510107'] } })
    const wrapper = mount(ItemForm, { props: { form, schema: regionSchema }, global: { plugins: [ElementPlus] } })
    await nextTick()
    expect(wrapper.find('.el-cascader').exists()).toBe(true)
    await form.validate()
    expect(form.values.region).toEqual(['510000', '510100', '510107'])
  })

  it('should show the names when read only', async () => {
    const form = createItemForm({ values: { region: ['510000', '510100', '510107'] }, readPretty: true })
    const wrapper = mount(ItemForm, { props: { form, schema: regionSchema }, global: { plugins: [ElementPlus] } })
    await nextTick()
    expect(wrapper.find('.sl-region-text').text()).toBe('四川省 / 成都市 / 武侯区')
  })
})
