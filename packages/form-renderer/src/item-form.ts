import { createForm, type Form } from '@formily/core'
import { FormProvider } from '@formily/vue'
import { FormLayout, PreviewText } from '@formily/element-plus'
import { defineComponent, h, type PropType } from 'vue'
import { labelledSchema } from './labelled-schema'
import { SchemaField } from './schema-field'

export interface ItemFormOptions {
  values?: Record<string, unknown>
  readPretty?: boolean
  /** Field permissions of the current step: read | write | hidden per field key. */
  permissions?: Record<string, 'read' | 'write' | 'hidden'>
}

/**
 * A Formily form for a published application form. With `permissions`, fields a step may not
 * write are read-only and hidden ones are not shown (the server enforces the same rule).
 */
export function createItemForm(options: ItemFormOptions = {}): Form {
  const form = createForm({ values: options.values ?? {}, readPretty: options.readPretty ?? false })
  if (options.permissions) {
    const perms = options.permissions
    form.setFieldState('*', (state) => {
      const key = String((state as { path?: unknown }).path ?? '')
      const p = perms[key]
      if (p === 'hidden') state.display = 'none'
      else if (p !== 'write') state.pattern = 'readPretty'
    })
  }
  return form
}

/** Renders a form schema for a given Formily form. */
export const ItemForm = defineComponent({
  name: 'ItemForm',
  props: {
    form: { type: Object as PropType<Form>, required: true },
    schema: { type: Object as PropType<Record<string, unknown>>, required: true },
    labelWidth: { type: [String, Number], default: 140 },
    layout: { type: String as PropType<'horizontal' | 'vertical'>, default: 'horizontal' },
  },
  setup(props) {
    return () =>
      h(FormProvider, { form: props.form }, () =>
        // An empty read-only field shows "—" (Formily's default is "N/A", meaningless in a Chinese form).
        h(PreviewText.Placeholder, { value: '—' }, () =>
          h(FormLayout, { labelCol: 6, wrapperCol: 18, layout: props.layout, labelWidth: props.labelWidth }, () => h(SchemaField, { schema: labelledSchema(props.schema) })),
        ),
      )
  },
})
