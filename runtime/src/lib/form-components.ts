import type { FormComponentName } from '@sunlight/form-renderer'
import type { Component } from 'vue'

type Loader = () => Promise<Component>

/** A component of @formily/element-plus with its own styles only (the package index loads all of them). */
const load = (mod: Promise<{ default: unknown }>, style: Promise<unknown>): Promise<Component> => Promise.all([mod, style]).then(([m]) => m.default as Component)

/**
 * Loaders for every component name form-renderer registers (the `Record` over its
 * `FormComponentName` keeps the two lists equal at compile time). The hall loads only the
 * components a published form names, so its apply page stays small; the workbench renders with
 * form-renderer's eager registry.
 */
export const componentLoaders: Record<FormComponentName, Loader> = {
  ArrayCards: () => load(import('@formily/element-plus/esm/array-cards'), import('@formily/element-plus/esm/array-cards/style')),
  ArrayCollapse: () => load(import('@formily/element-plus/esm/array-collapse'), import('@formily/element-plus/esm/array-collapse/style')),
  ArrayItems: () => load(import('@formily/element-plus/esm/array-items'), import('@formily/element-plus/esm/array-items/style')),
  ArrayTable: () => load(import('@formily/element-plus/esm/array-table'), import('@formily/element-plus/esm/array-table/style')),
  ArrayTabs: () => load(import('@formily/element-plus/esm/array-tabs'), import('@formily/element-plus/esm/array-tabs/style')),
  Cascader: () => load(import('@formily/element-plus/esm/cascader'), import('@formily/element-plus/esm/cascader/style')),
  Checkbox: () => load(import('@formily/element-plus/esm/checkbox'), import('@formily/element-plus/esm/checkbox/style')),
  DatePicker: () => load(import('@formily/element-plus/esm/date-picker'), import('@formily/element-plus/esm/date-picker/style')),
  FormCollapse: () => load(import('@formily/element-plus/esm/form-collapse'), import('@formily/element-plus/esm/form-collapse/style')),
  FormGrid: () => load(import('@formily/element-plus/esm/form-grid'), import('@formily/element-plus/esm/form-grid/style')),
  FormItem: () => load(import('@formily/element-plus/esm/form-item'), import('@formily/element-plus/esm/form-item/style')),
  FormLayout: () => load(import('@formily/element-plus/esm/form-layout'), import('@formily/element-plus/esm/form-layout/style')),
  FormTab: () => load(import('@formily/element-plus/esm/form-tab'), import('@formily/element-plus/esm/form-tab/style')),
  Input: () => load(import('@formily/element-plus/esm/input'), import('@formily/element-plus/esm/input/style')),
  InputNumber: () => load(import('@formily/element-plus/esm/input-number'), import('@formily/element-plus/esm/input-number/style')),
  NumberPicker: () => load(import('@formily/element-plus/esm/input-number'), import('@formily/element-plus/esm/input-number/style')),
  Password: () => load(import('@formily/element-plus/esm/password'), import('@formily/element-plus/esm/password/style')),
  PreviewText: () => load(import('@formily/element-plus/esm/preview-text'), import('@formily/element-plus/esm/preview-text/style')),
  Radio: () => load(import('@formily/element-plus/esm/radio'), import('@formily/element-plus/esm/radio/style')),
  Select: () => load(import('@formily/element-plus/esm/select'), import('@formily/element-plus/esm/select/style')),
  Space: () => load(import('@formily/element-plus/esm/space'), import('@formily/element-plus/esm/space/style')),
  Switch: () => load(import('@formily/element-plus/esm/switch'), import('@formily/element-plus/esm/switch/style')),
  TimePicker: () => load(import('@formily/element-plus/esm/time-picker'), import('@formily/element-plus/esm/time-picker/style')),
  Transfer: () => load(import('@formily/element-plus/esm/transfer'), import('@formily/element-plus/esm/transfer/style')),
  Upload: () => load(import('@formily/element-plus/esm/upload'), import('@formily/element-plus/esm/upload/style')),
  // the designer's own components (form-renderer): layout and text, and the GB/T 2260 region cascader
  Card: () => import('@sunlight/form-renderer/layout-components').then((m) => m.Card as Component),
  Divider: () => import('@sunlight/form-renderer/layout-components').then((m) => m.Divider as Component),
  Text: () => import('@sunlight/form-renderer/layout-components').then((m) => m.Text as Component),
  RegionCascader: () => load(import('@sunlight/form-renderer/region-cascader').then((m) => ({ default: m.RegionCascader })), import('@formily/element-plus/esm/cascader/style')),
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The registry names a schema uses: `x-component` and `x-decorator` of every node, with dotted
 * members ("Input.TextArea", "Radio.Group") reduced to their component, plus what the layout and
 * read-only rendering always need (FormItem, FormLayout, PreviewText).
 */
export function componentsUsed(schema: Record<string, unknown>): FormComponentName[] {
  const out = new Set<string>(['FormItem', 'FormLayout', 'PreviewText'])
  const walk = (node: unknown) => {
    if (!isObj(node)) return
    for (const key of ['x-component', 'x-decorator'])
      if (typeof node[key] === 'string') out.add((node[key] as string).split('.')[0] as string)
    if (isObj(node.properties)) for (const child of Object.values(node.properties)) walk(child)
    if (isObj(node.items)) walk(node.items)
    else if (Array.isArray(node.items)) node.items.forEach(walk)
  }
  walk(schema)
  return [...out].filter((n): n is FormComponentName => n in componentLoaders)
}

/** The components a schema uses, loaded, keyed by registry name. */
export async function loadComponents(names: readonly FormComponentName[]): Promise<Record<string, Component>> {
  const loaded = await Promise.all(names.map(async (n) => [n, await componentLoaders[n]()] as const))
  return Object.fromEntries(loaded)
}
