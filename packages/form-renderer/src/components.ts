import {
  ArrayCards,
  ArrayCollapse,
  ArrayItems,
  ArrayTable,
  ArrayTabs,
  Cascader,
  Checkbox,
  DatePicker,
  FormCollapse,
  FormGrid,
  FormItem,
  FormLayout,
  FormTab,
  Input,
  InputNumber,
  Password,
  PreviewText,
  Radio,
  Select,
  Space,
  Switch,
  TimePicker,
  Transfer,
  Upload,
} from '@formily/element-plus'
import { Card, Divider, Text } from './layout-components'
import { RegionCascader } from './region-cascader'

/**
 * Every component name a published form may use. Formily's Element Plus names, plus the aliases
 * definitions commonly carry from other Formily bindings (NumberPicker → InputNumber), so one
 * schema renders in the designer's preview, the hall and the workbench alike; and the designer's
 * own layout and description components (Card, Divider, Text) and the GB/T 2260 RegionCascader.
 */
export const formComponents = {
  ArrayCards,
  ArrayCollapse,
  ArrayItems,
  ArrayTable,
  ArrayTabs,
  Card,
  Cascader,
  Checkbox,
  DatePicker,
  Divider,
  FormCollapse,
  FormGrid,
  FormItem,
  FormLayout,
  FormTab,
  Input,
  InputNumber,
  NumberPicker: InputNumber,
  Password,
  PreviewText,
  Radio,
  RegionCascader,
  Select,
  Space,
  Switch,
  Text,
  TimePicker,
  Transfer,
  Upload,
}

export type FormComponentName = keyof typeof formComponents
