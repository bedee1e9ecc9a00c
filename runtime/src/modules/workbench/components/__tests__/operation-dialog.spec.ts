import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { createAppI18n } from '../../../../i18n'
import { dialogSpec } from '../../../../lib/operations'
import OperationDialog from '../operation-dialog.vue'

const ctx = { opinionRequired: true, supplementRounds: 0, penalty: false }

function open(op: 'return' | 'complete', extra: Record<string, unknown> = {}) {
  return mount(OperationDialog, {
    props: { open: true, op, spec: dialogSpec(op, ctx), stepName: '审核', returnTargets: [{ id: 'review', name: '审查' }, { id: 'accept', name: '受理' }], materials: [], procedures: [], formValues: {}, ...extra },
    global: { plugins: [ElementPlus, createAppI18n('zh-CN')] },
    attachTo: document.body,
  })
}

const body = () => document.body.textContent ?? ''

describe('workbench/operation-dialog', () => {
  it('should ask for the reason a return needs, then emit the values with the first target chosen', async () => {
    const w = open('return')
    await nextTick()
    const form = document.querySelector('.op-form') as HTMLFormElement
    form.dispatchEvent(new Event('submit'))
    await nextTick()
    expect(body()).toContain('请填写：理由')
    expect(w.emitted('submit')).toBeUndefined()
    const reason = document.querySelector('#op-reason') as HTMLTextAreaElement
    reason.value = '请补充实地核查情况'
    reason.dispatchEvent(new Event('input'))
    form.dispatchEvent(new Event('submit'))
    await nextTick()
    expect(w.emitted('submit')?.[0]?.[0]).toMatchObject({ to: 'review', reason: '请补充实地核查情况' })
    w.unmount()
  })

  it('should show the server refusal in Chinese', async () => {
    const w = open('complete', { error: '环节“review”必须填写意见' })
    await nextTick()
    expect(document.querySelector('.server-error')?.textContent).toBe('环节“review”必须填写意见')
    w.unmount()
  })
})
