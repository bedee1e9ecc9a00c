import { schemaNode, type DesignNode, type Schema } from './design-tree'
import { idTypeOptions } from './regions'

export type PaletteGroup = 'input' | 'choice' | 'datetime' | 'government' | 'upload' | 'layout' | 'array' | 'display'

export interface PaletteEntry {
  type: string
  group: PaletteGroup
  /** A short glyph shown on the palette tile. */
  icon: string
  /** Suggested property key. */
  name: string
  schema: () => Schema
}

const field = (title: string, component: string, extra: Schema = {}): Schema => ({
  type: 'string',
  title,
  'x-decorator': 'FormItem',
  'x-component': component,
  'x-component-props': {},
  ...extra,
})
const options = (...labels: string[]) => labels.map((label, i) => ({ label, value: `option${i + 1}` }))

/** The field types of the palette (≥ 25), grouped as on screen. Titles are the defaults a designer edits. */
export const palette: readonly PaletteEntry[] = [
  { type: 'text', group: 'input', icon: 'Aa', name: 'text', schema: () => field('单行文本', 'Input', { 'x-component-props': { placeholder: '请输入' } }) },
  { type: 'textarea', group: 'input', icon: '¶', name: 'remark', schema: () => field('多行文本', 'Input.TextArea', { 'x-component-props': { rows: 3 } }) },
  { type: 'number', group: 'input', icon: '12', name: 'number', schema: () => field('数字', 'NumberPicker', { type: 'number' }) },
  { type: 'money', group: 'input', icon: '¥', name: 'amount', schema: () => field('金额（元）', 'NumberPicker', { type: 'number', minimum: 0, 'x-component-props': { precision: 2, min: 0, controlsPosition: 'right' } }) },
  { type: 'phone', group: 'input', icon: '☎', name: 'phone', schema: () => field('联系电话', 'Input', { 'x-validator': 'phone' }) },
  { type: 'mobile', group: 'input', icon: '机', name: 'mobile', schema: () => field('手机号码', 'Input', { 'x-validator': 'mobile' }) },
  { type: 'email', group: 'input', icon: '@', name: 'email', schema: () => field('电子邮箱', 'Input', { 'x-validator': 'email' }) },
  { type: 'address', group: 'input', icon: '⌂', name: 'address', schema: () => field('详细地址', 'Input', { 'x-component-props': { placeholder: '街道、门牌号' } }) },
  { type: 'zip', group: 'input', icon: '✉', name: 'zip', schema: () => field('邮政编码', 'Input', { 'x-validator': 'zip', maxLength: 6 }) },
  { type: 'select', group: 'choice', icon: '▾', name: 'select', schema: () => field('下拉选择', 'Select', { enum: options('选项一', '选项二') }) },
  { type: 'radio', group: 'choice', icon: '◉', name: 'radio', schema: () => field('单选', 'Radio.Group', { enum: options('是', '否') }) },
  { type: 'checkbox', group: 'choice', icon: '☑', name: 'checkbox', schema: () => field('多选', 'Checkbox.Group', { type: 'array', enum: options('选项一', '选项二') }) },
  { type: 'switch', group: 'choice', icon: '◐', name: 'switch', schema: () => field('开关', 'Switch', { type: 'boolean' }) },
  { type: 'date', group: 'datetime', icon: '日', name: 'date', schema: () => field('日期', 'DatePicker', { format: 'date', 'x-component-props': { type: 'date', valueFormat: 'YYYY-MM-DD' } }) },
  { type: 'dateRange', group: 'datetime', icon: '⇆', name: 'dateRange', schema: () => field('起止日期', 'DatePicker', { type: 'array', 'x-component-props': { type: 'daterange', valueFormat: 'YYYY-MM-DD', startPlaceholder: '开始日期', endPlaceholder: '结束日期' } }) },
  { type: 'time', group: 'datetime', icon: '时', name: 'time', schema: () => field('时间', 'TimePicker', { 'x-component-props': { valueFormat: 'HH:mm', format: 'HH:mm' } }) },
  { type: 'region', group: 'government', icon: '区', name: 'region', schema: () => field('所在地区', 'RegionCascader', { type: 'array', 'x-component-props': { placeholder: '请选择省 / 市 / 区县（可输入名称搜索）' } }) },
  { type: 'idType', group: 'government', icon: '证', name: 'idType', schema: () => field('证件类型', 'Select', { enum: idTypeOptions, default: '111' }) },
  { type: 'idNumber', group: 'government', icon: '#', name: 'idNumber', schema: () => field('居民身份证号码', 'Input', { 'x-validator': 'idCard', maxLength: 18 }) },
  {
    type: 'idPair', group: 'government', icon: '证', name: 'idGroup',
    schema: () => ({ type: 'void', 'x-component': 'FormGrid', 'x-component-props': { maxColumns: 2 }, properties: {
      idType: field('证件类型', 'Select', { enum: idTypeOptions, default: '111', required: true }),
      idNumber: field('证件号码', 'Input', { required: true, 'x-validator': 'idCard', description: '居民身份证号码按 GB 11643 校验校验位' }),
    } }),
  },
  { type: 'creditCode', group: 'government', icon: '信', name: 'creditCode', schema: () => field('统一社会信用代码', 'Input', { 'x-validator': 'creditCode', maxLength: 18 }) },
  {
    type: 'applicant', group: 'government', icon: '人', name: 'applicantBlock',
    schema: () => ({ type: 'void', title: '申请人信息', 'x-component': 'Card', 'x-component-props': { title: '申请人信息' }, properties: {
      applicantName: field('申请人姓名（名称）', 'Input', { required: true }),
      applicantIdType: field('证件类型', 'Select', { enum: idTypeOptions, default: '111', required: true }),
      applicantIdNo: field('证件号码', 'Input', { required: true, 'x-validator': 'idCard' }),
      applicantPhone: field('联系电话', 'Input', { required: true, 'x-validator': 'phone' }),
      applicantAddress: field('联系地址', 'Input'),
    } }),
  },
  { type: 'upload', group: 'upload', icon: '附', name: 'attachments', schema: () => field('附件上传', 'Upload', { type: 'array', 'x-component-props': { autoUpload: false, accept: '.pdf,.jpg,.jpeg,.png', limit: 5, textContent: '选择文件' } }) },
  { type: 'imageUpload', group: 'upload', icon: '图', name: 'photos', schema: () => field('图片上传', 'Upload', { type: 'array', 'x-component-props': { autoUpload: false, accept: 'image/*', listType: 'picture-card', limit: 9 } }) },
  { type: 'grid', group: 'layout', icon: '▦', name: 'grid', schema: () => ({ type: 'void', 'x-component': 'FormGrid', 'x-component-props': { maxColumns: 2, minColumns: 1 }, properties: {} }) },
  { type: 'card', group: 'layout', icon: '▭', name: 'card', schema: () => ({ type: 'void', title: '分组', 'x-component': 'Card', 'x-component-props': { title: '分组' }, properties: {} }) },
  {
    type: 'tabs', group: 'layout', icon: '⊟', name: 'tabs',
    schema: () => ({ type: 'void', 'x-component': 'FormTab', properties: {
      tab1: { type: 'void', 'x-component': 'FormTab.TabPane', 'x-component-props': { tab: '标签一' }, properties: {} },
      tab2: { type: 'void', 'x-component': 'FormTab.TabPane', 'x-component-props': { tab: '标签二' }, properties: {} },
    } }),
  },
  {
    type: 'collapse', group: 'layout', icon: '☰', name: 'collapse',
    schema: () => ({ type: 'void', 'x-component': 'FormCollapse', properties: {
      panel1: { type: 'void', 'x-component': 'FormCollapse.CollapsePanel', 'x-component-props': { header: '面板一' }, properties: {} },
      panel2: { type: 'void', 'x-component': 'FormCollapse.CollapsePanel', 'x-component-props': { header: '面板二' }, properties: {} },
    } }),
  },
  { type: 'arrayTable', group: 'array', icon: '⊞', name: 'rows', schema: () => ({ type: 'array', title: '子表格', 'x-decorator': 'FormItem', 'x-component': 'ArrayTable', items: { type: 'object', properties: {} } }) },
  { type: 'arrayCards', group: 'array', icon: '卡', name: 'cards', schema: () => ({ type: 'array', title: '重复卡片', 'x-decorator': 'FormItem', 'x-component': 'ArrayCards', 'x-component-props': { title: '第 N 项' }, items: { type: 'object', properties: {} } }) },
  { type: 'divider', group: 'display', icon: '—', name: 'divider', schema: () => ({ type: 'void', 'x-component': 'Divider', 'x-component-props': { title: '分隔标题' } }) },
  { type: 'text-block', group: 'display', icon: '文', name: 'notice', schema: () => ({ type: 'void', 'x-component': 'Text', 'x-component-props': { content: '填写说明：请如实填写，带 * 的为必填项。' } }) },
]

/** Pane schemas for adding a tab or a panel to an existing container. */
export const newPane = (parentComponent: string, n: number): Schema =>
  parentComponent === 'FormTab'
    ? { type: 'void', 'x-component': 'FormTab.TabPane', 'x-component-props': { tab: `标签${n}` }, properties: {} }
    : { type: 'void', 'x-component': 'FormCollapse.CollapsePanel', 'x-component-props': { header: `面板${n}` }, properties: {} }

export function paletteEntry(type: string): PaletteEntry | undefined {
  return palette.find((p) => p.type === type)
}

/** A fresh node for a palette entry (names still to be made unique by the caller). */
export function createFromPalette(type: string): DesignNode | undefined {
  const entry = paletteEntry(type)
  return entry ? schemaNode(entry.name, entry.schema()) : undefined
}

/** What the palette calls a node, for the canvas chips and the property panel title. */
export function paletteTypeOf(schema: Schema): string {
  const c = typeof schema['x-component'] === 'string' ? schema['x-component'] : ''
  const v = schema['x-validator']
  const props = (schema['x-component-props'] ?? {}) as Record<string, unknown>
  if (c === 'Input') return v === 'phone' ? 'phone' : v === 'mobile' ? 'mobile' : v === 'email' ? 'email' : v === 'idCard' ? 'idNumber' : v === 'creditCode' ? 'creditCode' : v === 'zip' ? 'zip' : 'text'
  if (c === 'Input.TextArea') return 'textarea'
  if (c === 'NumberPicker' || c === 'InputNumber') return props.precision === 2 ? 'money' : 'number'
  if (c === 'Select') return Array.isArray(schema.enum) && schema.enum.some((o) => (o as { value?: unknown })?.value === '111') ? 'idType' : 'select'
  if (c === 'Radio.Group') return 'radio'
  if (c === 'Checkbox.Group') return 'checkbox'
  if (c === 'Checkbox' || c === 'Switch') return 'switch'
  if (c === 'DatePicker') return props.type === 'daterange' ? 'dateRange' : 'date'
  if (c === 'TimePicker') return 'time'
  if (c === 'RegionCascader' || c === 'Cascader') return 'region'
  if (c === 'Upload') return props.listType === 'picture-card' ? 'imageUpload' : 'upload'
  if (c === 'FormGrid') return 'grid'
  if (c === 'Card') return 'card'
  if (c === 'FormTab') return 'tabs'
  if (c === 'FormCollapse') return 'collapse'
  if (c === 'ArrayTable') return 'arrayTable'
  if (c === 'ArrayCards') return 'arrayCards'
  if (c === 'Divider') return 'divider'
  if (c === 'Text') return 'text-block'
  if (c === 'FormTab.TabPane' || c === 'FormCollapse.CollapsePanel') return 'pane'
  return 'text'
}
