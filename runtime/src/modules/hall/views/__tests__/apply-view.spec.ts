import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import template from '../../../../../../templates/religious-venue-preparation.json'
import { createAppI18n } from '../../../../i18n'

vi.mock('../../../../api/catalog', () => ({
  fetchCatalog: vi.fn(async () => []),
  fetchCatalogEntry: vi.fn(async () => ({ key: template.key, version: 1, item: template.item, form: template.form, flow: { steps: [] }, documents: [] })),
}))
vi.mock('../../../../api/hall', () => ({
  submitApplication: vi.fn(async () => ({ caseId: 'c', caseNo: 'SL20260302000001', queryCode: '123456', status: 'submitted', version: 1, missingMaterials: [], receivedDay: '2026-03-02' })),
}))

const hall = await import('../../../../api/hall')
const { default: ApplyView } = await import('../apply-view.vue')

async function settle() {
  for (let i = 0; i < 20; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
  }
}

async function mountApply() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/apply/:key', component: ApplyView }, { path: '/receipt', component: { render: () => null } }, { path: '/items/:key', component: { render: () => null } }] })
  await router.push(`/apply/${template.key}`)
  const w = mount(ApplyView, { props: { itemKey: template.key }, global: { plugins: [ElementPlus, createAppI18n('zh-CN'), router] } })
  return { w, router }
}

describe('hall/apply-view', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
  })

  it('should render the published form, one upload slot per material, and name the missing ones', async () => {
    const { w } = await mountApply()
    await vi.waitFor(() => expect(w.text()).toContain('宗教团体名称'), { timeout: 20000, interval: 50 })
    expect(w.text()).toContain('宗教活动场所筹备设立审批')
    expect(w.findAll('.slot')).toHaveLength(template.item.materials.length)
    expect(w.text()).toContain('尚缺必要材料')
  })

  it('should refuse to submit an incomplete form and submit a complete one', async () => {
    const { w, router } = await mountApply()
    await vi.waitFor(() => expect(w.text()).toContain('宗教团体名称'), { timeout: 20000, interval: 50 })
    await w.find('form.apply').trigger('submit')
    await settle()
    expect(w.text()).toContain('申请表有需要修改的地方')
    expect(hall.submitApplication).not.toHaveBeenCalled()

    await w.find('#applicant-name').setValue('成都市佛教协会')
    const values = { orgName: '成都市佛教协会', orgCreditCode: '91510100MA6C11111E', legalRep: '释某某', contactPhone: '13800000000', venueName: '某某寺', venueType: 'temple', religion: '佛教', address: '成都市锦江区某某路1号', area: 1200 }
    const vm = w.vm as unknown as { $: { setupState: { app: { form: { value: { setValues: (v: object) => void } } } } } }
    vm.$.setupState.app.form.value.setValues(values)
    await settle()
    await w.find('form.apply').trigger('submit')
    await settle()
    expect(hall.submitApplication).toHaveBeenCalledTimes(1)
    const input = vi.mocked(hall.submitApplication).mock.calls[0]![0]
    expect(input).toMatchObject({ itemKey: template.key, applicant: { name: '成都市佛教协会', idType: '111' }, form: values })
    expect(input.materials.application).toEqual({ provided: false })
    expect(router.currentRoute.value.path).toBe('/receipt')
  })

  it('should keep a draft in this browser', async () => {
    const { w } = await mountApply()
    await settle()
    await w.find('#applicant-name').setValue('某协会')
    const save = w.findAll('button').find((b) => b.text() === '保存草稿')!
    await save.trigger('click')
    expect(w.text()).toContain('草稿已保存在本机浏览器')
    expect(JSON.parse(localStorage.getItem(`sunlight:draft:${template.key}`)!).applicant.name).toBe('某协会')
  })
})
