import { createForm } from '@formily/core'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import template from '../../../../templates/religious-venue-preparation.json'
import { LazyItemForm } from '../lazy-item-form'

async function settle() {
  for (let i = 0; i < 20; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 5))
  }
  await nextTick()
}

describe('components/lazy-item-form', () => {
  it('should load the components the published form names and render its Chinese labels', async () => {
    const form = createForm()
    const w = mount(LazyItemForm, { props: { form, schema: template.form as Record<string, unknown> } })
    // The first import of the Formily components takes a while under vitest.
    await vi.waitFor(() => expect(w.text()).toContain('宗教团体名称'), { timeout: 20000, interval: 50 })
    expect(w.text()).toContain('拟设立场所名称')
    await expect(form.submit()).rejects.toBeDefined()
    expect(form.errors.map((e) => e.path)).toContain('orgName')
  })

  it('should run linkage through the safe compiler, never new Function', async () => {
    const form = createForm({ values: { needsNeighbourOpinion: false } })
    mount(LazyItemForm, { props: { form, schema: template.form as Record<string, unknown> } })
    await vi.waitFor(() => expect(form.query('neighbourNote').take()?.visible).toBe(false), { timeout: 20000, interval: 50 })
    form.setValuesIn('needsNeighbourOpinion', true)
    await settle()
    expect(form.query('neighbourNote').take()?.visible).toBe(true)
  })
})
