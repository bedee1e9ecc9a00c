import { createForm, type Form } from '@formily/core'
import { computed, reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ApplicantInput, CatalogEntry } from '../api/types'
import { errorMessage, formFieldErrors } from '../lib/api-error'
import { withoutFields } from '../lib/form-fields'
import { missingMandatory } from '../lib/materials'
import { useApplicationsStore, type ShownReceipt } from '../stores/applications'
import { useCatalogStore } from '../stores/catalog'
import { useMaterialSlots } from './use-material-slots'

/**
 * One application being filled in, online or at the window: the item's published form (Formily),
 * the applicant block, one upload slot per material, the draft kept in this browser (online
 * only), and submission with the server's field errors put back on the fields.
 */
export function useApplicationForm(channel: 'online' | 'window') {
  const { t, locale } = useI18n()
  const catalog = useCatalogStore()
  const applications = useApplicationsStore()
  const entry = shallowRef<CatalogEntry>()
  const form = shallowRef<Form>()
  const applicant = reactive<ApplicantInput>({ name: '', idType: '111', idNumber: '', phone: '' })
  const slots = useMaterialSlots((e) => errorMessage(e, t, locale.value))
  const restoredAt = ref<number>()
  const error = ref('')
  const nameError = ref('')

  // Fields staff write (审查意见, 审批结论…) are not the applicant's to fill, when the server names them.
  const schema = computed(() => (entry.value ? withoutFields(entry.value.form, entry.value.staffFields ?? []) : undefined))
  const materials = computed(() => entry.value?.item.materials ?? [])
  const missing = computed(() => missingMandatory(materials.value, slots.submissions(materials.value, { window: channel === 'window' })))

  async function load(itemKey: string): Promise<void> {
    error.value = ''
    entry.value = undefined
    try {
      const e = await catalog.entry(itemKey)
      const draft = channel === 'online' ? applications.draftOf(e.key, e.version) : undefined
      Object.assign(applicant, { name: '', idType: '111', idNumber: '', phone: '' }, draft?.applicant ?? {})
      slots.reset(e.item.materials, draft?.files, draft?.paper)
      restoredAt.value = draft?.savedAt
      form.value = createForm({ values: draft ? { ...draft.form } : {} })
      entry.value = e
    } catch (e) {
      error.value = errorMessage(e, t, locale.value)
    }
  }

  const plainValues = () => JSON.parse(JSON.stringify(form.value?.values ?? {})) as Record<string, unknown>

  function saveDraft(): boolean {
    const e = entry.value
    if (!e) return false
    const ok = applications.keepDraft({ itemKey: e.key, itemVersion: e.version, savedAt: Date.now(), applicant: { ...applicant } as Record<string, string>, form: plainValues(), files: slots.savedFiles(), paper: slots.paperChoices() })
    if (ok) restoredAt.value = undefined
    return ok
  }

  function discardDraft(): void {
    if (!entry.value) return
    applications.dropDraft(entry.value.key)
    void load(entry.value.key)
  }

  /** Validates and submits; returns the receipt, or undefined with `error` set. */
  async function submit(): Promise<ShownReceipt | undefined> {
    const e = entry.value
    const f = form.value
    if (!e || !f) return undefined
    error.value = ''
    nameError.value = applicant.name.trim() ? '' : t('common.required')
    if (slots.busy.value) {
      error.value = t('apply.waitUploads')
      return undefined
    }
    try {
      await f.validate()
    } catch {
      error.value = t('apply.invalid')
      return undefined
    }
    if (nameError.value) {
      error.value = t('apply.invalid')
      return undefined
    }
    const who: ApplicantInput = { name: applicant.name.trim() }
    if (applicant.idType) who.idType = applicant.idType
    if (applicant.idNumber?.trim()) who.idNumber = applicant.idNumber.trim()
    if (applicant.phone?.trim()) who.phone = applicant.phone.trim()
    try {
      return await applications.submit(
        { itemKey: e.key, applicant: who, form: plainValues(), materials: slots.submissions(e.item.materials, { window: channel === 'window' }) },
        { itemName: e.item.name, channel },
      )
    } catch (err) {
      for (const [field, message] of Object.entries(formFieldErrors(err, locale.value))) f.setFieldState(field, (s) => void ((s as { selfErrors: string[] }).selfErrors = [message]))
      error.value = errorMessage(err, t, locale.value)
      return undefined
    }
  }

  return { entry, form, schema, applicant, slots, materials, missing, restoredAt, error, nameError, submitting: computed(() => applications.submitting), load, saveDraft, discardDraft, submit }
}
