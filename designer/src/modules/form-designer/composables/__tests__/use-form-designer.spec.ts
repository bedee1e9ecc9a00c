import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, reactive } from 'vue'
import { useFormDesigner } from '../use-form-designer'

function setup() {
  const def = reactive({ form: { type: 'object', properties: { name: { type: 'string', title: '姓名', 'x-component': 'Input' } } } as Record<string, unknown> })
  const designer = useFormDesigner({ read: () => def.form, write: (s) => (def.form = s), readonly: () => false })
  return { def, designer }
}
const keys = (form: unknown) => Object.keys((form as { properties: object }).properties)

describe('form-designer/use-form-designer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('should write a dropped field into the definition and select it', async () => {
    const { def, designer } = setup()
    const node = designer.addFromPalette('money', 'root', 1)
    expect(keys(def.form)).toEqual(['name', 'amount'])
    expect(designer.selectedId.value).toBe(node?.id)
    await vi.advanceTimersByTimeAsync(500)
    await nextTick()
    // writing back is not mistaken for an outside change: selection and history survive
    expect(designer.selectedId.value).toBe(node?.id)
    expect(designer.canUndo.value).toBe(true)
  })

  it('should undo and redo structural edits', async () => {
    const { def, designer } = setup()
    designer.addFromPalette('text')
    designer.addFromPalette('date')
    expect(keys(def.form)).toEqual(['name', 'text', 'date'])
    designer.undo()
    expect(keys(def.form)).toEqual(['name', 'text'])
    designer.redo()
    expect(keys(def.form)).toEqual(['name', 'text', 'date'])
  })

  it('should group property typing into one undo step', async () => {
    const { def, designer } = setup()
    const node = designer.root.value.children[0]!
    designer.select(node.id) // the property panel edits the selected node
    for (const t of ['申', '申请', '申请人']) {
      node.schema.title = t
      await nextTick()
      await vi.advanceTimersByTimeAsync(50)
    }
    await vi.advanceTimersByTimeAsync(500)
    expect((def.form as { properties: { name: { title: string } } }).properties.name.title).toBe('申请人')
    designer.undo()
    expect((def.form as { properties: { name: { title: string } } }).properties.name.title).toBe('姓名')
  })

  it('should not take selecting another field for an edit', async () => {
    const { def, designer } = setup()
    designer.addFromPalette('text')
    await vi.advanceTimersByTimeAsync(500)
    const written = def.form
    designer.select(designer.root.value.children[0]!.id)
    await nextTick()
    designer.select(designer.root.value.children[1]!.id)
    await nextTick()
    await vi.advanceTimersByTimeAsync(500)
    expect(def.form).toBe(written)
  })

  it('should write a rename of a field that is not selected', async () => {
    const { def, designer } = setup()
    const text = designer.addFromPalette('text')!
    designer.select(null)
    expect(designer.rename(text.id, 'projectName')).toBeNull()
    await vi.advanceTimersByTimeAsync(500)
    expect(keys(def.form)).toEqual(['name', 'projectName'])
  })

  it('should rebuild when the definition is replaced from outside', async () => {
    const { def, designer } = setup()
    def.form = { type: 'object', properties: { other: { type: 'string' } } }
    await nextTick()
    expect(designer.root.value.children.map((c) => c.name)).toEqual(['other'])
    expect(designer.canUndo.value).toBe(false)
  })

  it('should refuse a key that is taken or malformed', () => {
    const { designer } = setup()
    const text = designer.addFromPalette('text')!
    expect(designer.rename(text.id, 'name')).toBe('form.props.nameTaken')
    expect(designer.rename(text.id, '1x')).toBe('form.props.nameRule')
    expect(designer.rename(text.id, 'projectName')).toBeNull()
  })

  it('should copy, paste after the selection and delete with the keyboard actions', () => {
    const { def, designer } = setup()
    designer.select(designer.root.value.children[0]!.id)
    designer.copy()
    designer.paste()
    expect(keys(def.form)).toEqual(['name', 'name2'])
    designer.remove()
    expect(keys(def.form)).toEqual(['name'])
  })
})
