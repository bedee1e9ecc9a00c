import { defineComponent, h, type PropType } from 'vue'

/**
 * Presentational components the designer's palette offers beyond @formily/element-plus: a titled
 * card (also the applicant block), a divider with a title, and a paragraph of help text. Text is
 * rendered as text, never as HTML. Registered in `formComponents`, so the designer's preview, the
 * hall and the workbench render them alike.
 */
export const Card = defineComponent({
  name: 'SlFormCard',
  props: { title: { type: String, default: '' } },
  setup(props, { slots }) {
    return () =>
      h('section', { class: 'sl-form-card', style: 'border:1px solid #e4e7ed;border-radius:6px;margin:0 0 16px;' }, [
        props.title ? h('header', { style: 'padding:8px 14px;border-bottom:1px solid #e4e7ed;font-weight:600;background:#fafbfc;' }, props.title) : null,
        h('div', { style: 'padding:14px 14px 0;' }, slots.default?.()),
      ])
  },
})

export const Divider = defineComponent({
  name: 'SlFormDivider',
  props: { title: { type: String, default: '' } },
  setup(props) {
    return () =>
      h('div', { class: 'sl-form-divider', style: 'display:flex;align-items:center;gap:10px;margin:8px 0 16px;color:#303133;font-weight:600;' }, [
        props.title ? h('span', { style: 'white-space:nowrap;' }, props.title) : null,
        h('span', { style: 'flex:1;border-top:1px solid #dcdfe6;' }),
      ])
  },
})

export const Text = defineComponent({
  name: 'SlFormText',
  props: { content: { type: String, default: '' }, type: { type: String as PropType<'info' | 'warning'>, default: 'info' } },
  setup(props) {
    return () =>
      h(
        'p',
        { class: 'sl-form-text', style: `white-space:pre-wrap;margin:0 0 16px;padding:8px 12px;border-radius:4px;font-size:13px;line-height:1.7;background:${props.type === 'warning' ? '#fdf6ec' : '#f4f8fe'};color:#606266;` },
        props.content,
      )
  },
})

