import type { Field } from '@formily/core'
import { observer } from '@formily/reactive-vue'
import { useField } from '@formily/vue'
import { regionName, regionTree, type RegionNode } from '@sunlight/definition/regions'
import { ElCascader } from 'element-plus'
import { defineComponent, h } from 'vue'

export type RegionOption = {
  value: string
  label: string
  children?: RegionOption[]
  [key: string]: unknown
}

let options: RegionOption[] | undefined
/** The GB/T 2260 dictionary as cascader options (built once per page). */
export function regionOptions(): RegionOption[] {
  const map = (n: RegionNode): RegionOption => (n.children ? { value: n.code, label: n.name, children: n.children.map(map) } : { value: n.code, label: n.name })
  options ??= regionTree().map(map)
  return options
}

/** A stored value (codes) as text: 四川省 / 成都市 / 武侯区. */
export function regionText(value: unknown): string {
  return Array.isArray(value) ? value.map((c) => regionName(String(c)) ?? String(c)).join(' / ') : ''
}

/**
 * The region field of the palette (所在地区): province → prefecture → county from the GB/T 2260
 * dictionary in @sunlight/definition, so forms carry no option list of their own and the server
 * checks the same codes (validateFormData: a path the cascader can produce). Filterable by name.
 */
export const RegionCascader = observer(
  defineComponent({
    name: 'SlRegionCascader',
    props: ['onChange'],
    setup(props: { onChange?: (v: unknown) => void }, { attrs }) {
      const fieldRef = useField()
      return () => {
        const field = fieldRef.value as Field | undefined
        if (field?.pattern === 'readPretty') return h('span', { class: 'sl-region-text' }, regionText(field.value) || '—')
        return h(ElCascader, {
          filterable: true,
          clearable: true,
          ...attrs,
          options: regionOptions(),
          modelValue: field?.value,
          onChange: (v: unknown) => props.onChange?.(v),
        })
      }
    },
  }),
)
