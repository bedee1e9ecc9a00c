import type { Form } from '@formily/core'
import { FormProvider, Schema, createSchemaField } from '@formily/vue'
import { registerSafeFormilyCompiler } from '@sunlight/expression'
import { labelledSchema } from '@sunlight/form-renderer/labelled-schema'
import { installFormValidators } from '@sunlight/form-renderer/validators'
import { defineComponent, h, shallowRef, watch, type Component, type PropType } from 'vue'
import { componentsUsed, loadComponents } from '../lib/form-components'

// Published schemas must never run script in an applicant's browser: `{{ }}` goes through the
// safe expression compiler, exactly as form-renderer does for the workbench.
registerSafeFormilyCompiler(Schema)
// ...and `format` / `pattern` are checked with the server's rules (linear-time patterns, check digits).
installFormValidators()

/**
 * The published form for the hall, with the same layout as form-renderer's ItemForm but loading
 * only the components the schema names (the apply page's JS budget is 250 kB gzip).
 */
export const LazyItemForm = defineComponent({
  name: 'LazyItemForm',
  props: {
    form: { type: Object as PropType<Form>, required: true },
    schema: { type: Object as PropType<Record<string, unknown>>, required: true },
    layout: { type: String as PropType<'horizontal' | 'vertical'>, default: 'vertical' },
    labelWidth: { type: [String, Number], default: 140 },
  },
  setup(props) {
    const field = shallowRef<Component>()
    const layout = shallowRef<Component>()
    watch(
      () => props.schema,
      async (schema) => {
        const components = await loadComponents(componentsUsed(schema))
        layout.value = components.FormLayout
        field.value = createSchemaField({ components }).SchemaField as Component
      },
      { immediate: true },
    )
    return () =>
      field.value && layout.value
        ? h(FormProvider, { form: props.form }, () =>
            h(layout.value as Component, props.layout === 'vertical' ? { layout: 'vertical', labelWrap: true, wrapperWrap: true } : { labelCol: 6, wrapperCol: 18, layout: props.layout, labelWidth: props.labelWidth, labelWrap: true }, () => h(field.value as Component, { schema: labelledSchema(props.schema) })),
          )
        : h('p', { class: 'muted', role: 'status' }, '…')
  },
})
