export { formComponents, type FormComponentName } from './components'
export { SchemaField } from './schema-field'
export { ItemForm, createItemForm, type ItemFormOptions } from './item-form'
