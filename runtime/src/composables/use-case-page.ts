import type { Form } from '@formily/core'
import type { DiscretionStandard } from '@sunlight/definition'
import { createItemForm } from '@sunlight/form-renderer'
import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CaseAction, CatalogEntry } from '../api/types'
import { errorMessage } from '../lib/api-error'
import { buildChart, caseProgress, reconstructedFlow, type ChartFlow } from '../lib/flow-chart'
import { mergedPermissions, writablePatch } from '../lib/form-fields'
import { buildCommand, type DialogValues, type OperationName } from '../lib/operations'
import { useCasesStore } from '../stores/cases'
import { useCatalogStore } from '../stores/catalog'

/**
 * A case page: the case and its item's published entry, the application form with the step's
 * field permissions, the flowchart with progress, and running operations. The full internal flow
 * comes from the case answer when the server includes the definition; otherwise it is rebuilt
 * from the public flow and the case record.
 */
export function useCasePage() {
  const { t, locale } = useI18n()
  const cases = useCasesStore()
  const catalog = useCatalogStore()
  const entry = shallowRef<CatalogEntry>()
  const form = shallowRef<Form>()
  const error = ref('')
  const loading = ref(false)
  /** Bumped with every new form instance, so the rendered form is rebuilt around it. */
  const formKey = ref(0)

  function rebuildForm(values: Record<string, unknown>, actions: readonly CaseAction[]): void {
    form.value = createItemForm({ values: { ...values }, permissions: mergedPermissions(actions) })
    formKey.value++
  }

  const detail = computed(() => cases.current)
  const definition = computed(() => detail.value?.definition)
  const permissions = computed(() => mergedPermissions(detail.value?.actions ?? []))
  const schema = computed(() => definition.value?.form ?? entry.value?.form)
  const materials = computed(() => definition.value?.item.materials ?? entry.value?.item.materials ?? [])
  const discretion = computed(() => (definition.value?.discretion as DiscretionStandard[] | undefined)?.[0])
  const specialProcedures = computed(() => ((definition.value?.timeLimits as { specialProcedures?: { type: string; name: string }[] } | undefined)?.specialProcedures ?? []))

  /** Names of the flow's nodes: the definition's, else the public steps' and the user's open steps'. */
  const nodeNames = computed<Record<string, string>>(() => {
    const out: Record<string, string> = {}
    for (const s of entry.value?.flow.steps ?? []) out[s.id] = s.name
    for (const a of detail.value?.actions ?? []) out[a.node] = a.name
    for (const n of definition.value?.flow.nodes ?? []) out[n.id] = n.name
    return out
  })

  const flow = computed<ChartFlow | undefined>(() => {
    if (definition.value) return definition.value.flow
    const d = detail.value
    if (!d || !entry.value) return undefined
    return reconstructedFlow(entry.value.flow.steps, d.state, nodeNames.value, { start: t('item.start'), end: t('item.end') })
  })

  const chart = computed(() => {
    const d = detail.value
    if (!d || !flow.value) return undefined
    const layout = (definition.value?.layout as { nodes?: Record<string, { x: number; y: number }> } | undefined)?.nodes
    return buildChart(flow.value, caseProgress(d.state, flow.value), layout)
  })

  async function load(id: string): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      const d = await cases.open(id)
      entry.value = await catalog.entry(d.case.itemKey).catch(() => undefined)
      rebuildForm(d.state.form, d.actions)
    } catch (e) {
      error.value = errorMessage(e, t, locale.value)
    } finally {
      loading.value = false
    }
  }

  /** Runs an operation of a step; returns the message to show when the server refuses. */
  async function run(op: OperationName, action: CaseAction, values: DialogValues): Promise<string | undefined> {
    const d = detail.value
    if (!d) return undefined
    let patch: Record<string, unknown> | undefined
    if (op === 'complete' && form.value) {
      try {
        await form.value.validate()
      } catch {
        return t('apply.invalid')
      }
      patch = writablePatch(JSON.parse(JSON.stringify(form.value.values)) as Record<string, unknown>, action.fieldPermissions)
    }
    try {
      await cases.run(buildCommand(op, action.node, values, patch))
      const fresh = cases.current
      if (fresh) rebuildForm(fresh.state.form, fresh.actions)
      return undefined
    } catch (e) {
      return errorMessage(e, t, locale.value)
    }
  }

  return { detail, entry, form, formKey, schema, materials, permissions, discretion, specialProcedures, nodeNames, chart, flowFromDefinition: computed(() => Boolean(definition.value)), error, loading, load, run }
}

export type CasePage = ReturnType<typeof useCasePage>
