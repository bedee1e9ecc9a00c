/**
 * Peer of the designer bench: a bare Element Plus form of N inputs (N from ?n=, default 300), each
 * with its label bound to one reactive model, plus a "label" input that renames the first field, as
 * the designer's property panel does. No Formily, no designer.
 */
import ElementPlus, { ElForm, ElFormItem, ElInput } from 'element-plus'
import 'element-plus/dist/index.css'
import { createApp, h, reactive } from 'vue'

const n = Number(new URLSearchParams(location.search).get('n') ?? 300)
const fields = reactive(Array.from({ length: n }, (_, i) => ({ key: `f${i + 1}`, title: `第${i + 1}项 申请事项说明`, value: '' })))

const app = createApp({
  render: () =>
    h('div', { style: 'display:flex;gap:16px;padding:16px' }, [
      h(ElForm, { labelWidth: '200px', style: 'flex:1' }, () =>
        fields.map((f) => h(ElFormItem, { key: f.key, label: f.title }, () => h(ElInput, { modelValue: f.value, 'onUpdate:modelValue': (v: string) => (f.value = v) }))),
      ),
      h('aside', { style: 'width:280px;position:sticky;top:0' }, [
        h(ElInput, { modelValue: fields[0]?.title, 'onUpdate:modelValue': (v: string) => fields[0] && (fields[0].title = v), 'data-test': 'peer-title' }),
      ]),
    ]),
})
app.use(ElementPlus).mount('#app')
