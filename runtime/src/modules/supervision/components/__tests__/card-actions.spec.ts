import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { CardDetail } from '../../../../api/supervision-types'
import { createAppI18n } from '../../../../i18n'
import { useSupervisionStore } from '../../../../stores/supervision'
import CardActions from '../card-actions.vue'

const issuedAt = Date.parse('2026-03-25T10:00:00+08:00')
const detail: CardDetail = {
  card: { id: 'c1', caseId: 'k1', caseNo: 'SL20260302000001', itemKey: 'religious-venue-preparation', departmentId: 'sc-mzw', departmentName: '四川省民族宗教事务委员会', ruleId: 'time.promised.yellow', ruleName: '承诺时限黄牌', kind: 'time', level: 'yellow', status: 'answered', mode: 'auto', message: '已超过承诺时限', issuedAt, createdAt: issuedAt, updatedAt: issuedAt, feedbackDueAt: issuedAt + 30 * 86_400_000, orderDueDay: null },
  events: [{ at: issuedAt, action: 'issued', actorId: null, actorName: '电子监察', note: null }],
  actions: ['order', 'close'],
}

function mountActions() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const store = useSupervisionStore()
  store.card = detail
  const act = vi.spyOn(store, 'act').mockResolvedValue(undefined)
  const w = mount(CardActions, { props: { detail, actions: ['order', 'close'] }, global: { plugins: [pinia, createAppI18n('zh-CN')] }, attachTo: document.body })
  return { w, act }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('supervision/card-actions', () => {
  it('should refuse a 督办 whose deadline is not after the server\'s today, without calling the server', async () => {
    const { w, act } = mountActions()
    await w.find('button[data-action="order"]').trigger('click')
    await w.find('input[type="date"]').setValue('2026-03-25')
    await w.find('textarea').setValue('请限期办结')
    await w.find('form').trigger('submit')
    await nextTick()
    expect(w.text()).toContain('督办期限须晚于今天')
    expect(act).not.toHaveBeenCalled()
  })

  it('should send a 督办 with its content and day once both are valid', async () => {
    const { w, act } = mountActions()
    await w.find('button[data-action="order"]').trigger('click')
    await w.find('input[type="date"]').setValue('2026-04-01')
    await w.find('textarea').setValue('请于4月1日前办结')
    await w.find('form').trigger('submit')
    await nextTick()
    expect(act).toHaveBeenCalledWith({ action: 'order', content: '请于4月1日前办结', dueDay: '2026-04-01' })
  })

  it('should label each action in Chinese', () => {
    const { w } = mountActions()
    expect(w.findAll('button[data-action]').map((b) => b.text())).toEqual(['督办', '办结'])
  })
})
