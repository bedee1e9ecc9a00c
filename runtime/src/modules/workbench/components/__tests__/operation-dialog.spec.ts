import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createAppI18n } from '../../../../i18n'
import { dialogSpec } from '../../../../lib/operations'
import OperationDialog from '../operation-dialog.vue'

const ctx = { opinionRequired: true, supplementRounds: 0, penalty: false }

function open(op: 'return' | 'complete' | 'transfer', extra: Record<string, unknown> = {}) {
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

  it('should offer the transfer to the colleagues holding the step\'s post, never the user', async () => {
    const calls: string[] = []
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url)
      const colleagues = [
        { id: 'jn-investigator', name: '冯执法', posts: ['investigator'], self: true },
        { id: 'jn-investigator2', name: '陈执法', posts: ['investigator'], self: false },
      ]
      return new Response(JSON.stringify({ departmentId: 'cd-jn-scj', colleagues }), { status: 200 })
    })
    try {
      const w = open('transfer', { post: 'investigator' })
      await vi.waitFor(() => expect(document.querySelectorAll('#op-user option:not([disabled])').length).toBe(1))
      expect(calls).toEqual(['/api/colleagues?post=investigator'])
      expect(document.querySelector('#op-user option:not([disabled])')?.textContent).toBe('陈执法')
      expect((document.querySelector('#op-user') as HTMLSelectElement).value).toBe('jn-investigator2')
      w.unmount()
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
