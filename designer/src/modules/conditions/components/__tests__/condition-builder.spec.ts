import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { i18n } from '../../../../i18n'
import type { Operand } from '../../lib/condition'
import ConditionBuilder from '../condition-builder.vue'

const operands: Operand[] = [
  { path: 'form.amount', label: '金额', type: 'number' },
  { path: 'form.type', label: '类型', type: 'string', options: [{ label: '企业', value: 'company' }] },
]
const mountWith = (modelValue: string) => mount(ConditionBuilder, { props: { modelValue, operands }, global: { plugins: [ElementPlus, i18n] } })

describe('conditions/condition-builder', () => {
  it('should show an expression it can read as rules, with the source below', () => {
    const w = mountWith("form.amount >= 10000 && form.type === 'company'")
    expect(w.findAll('[data-test=cond-rule]')).toHaveLength(2)
    expect(w.find('[data-test=cond-expression]').text()).toBe("form.amount >= 10000 && form.type === 'company'")
  })

  it('should write a safe expression when a rule is added', async () => {
    const w = mountWith('')
    await w.find('[data-test=cond-add-rule]').trigger('click')
    await nextTick()
    const emitted = w.emitted('update:modelValue')
    expect(emitted?.at(-1)).toEqual(['form.amount === 0'])
  })

  it('should keep a formula it cannot show as text, never running it', () => {
    const w = mountWith('round(form.amount / 2, 0) > 1')
    expect(w.findAll('[data-test=cond-rule]')).toHaveLength(0)
    expect(w.find('textarea').element.value).toBe('round(form.amount / 2, 0) > 1')
  })

  it('should point out a reference to a field that does not exist', () => {
    const w = mountWith('form.gone === 1')
    expect(w.text()).toContain('form.gone')
  })
})
