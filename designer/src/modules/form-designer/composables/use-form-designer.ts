import { cloneJson } from '../../../lib/clone-json'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { componentOf, fieldPaths, isPaneParent, schemaNode, schemaToTree, treeToSchema, type DesignNode, type Schema } from '../lib/design-tree'
import { createHistory } from '../lib/history'
import { createFromPalette, newPane } from '../lib/palette'
import { allNames, duplicateNode, findNode, findParent, flatten, insertNode, moveNode, NAME_RULE, reidentify, removeNode, shiftNode } from '../lib/tree-ops'

export interface FormDesignerOptions {
  /** The form schema in the definition. */
  read: () => unknown
  /** Stores a new form schema in the definition. */
  write: (schema: Schema) => void
  readonly: () => boolean
}

const WRITE_MS = 150
const HISTORY_MS = 350

/**
 * The state of one form designer: the tree, the selection, undo/redo and an internal clipboard.
 * Every change of the tree is written back to the definition (which autosaves) and recorded in the
 * history shortly after, so typing a title makes one undo step, not one per key.
 */
export function useFormDesigner(options: FormDesignerOptions) {
  const root: Ref<DesignNode> = ref(schemaToTree(options.read()))
  const selectedId = ref<string | null>(null)
  const history = createHistory(root.value)
  const historyTick = ref(0)
  const clipboard = shallowRef<DesignNode | null>(null)
  let written: unknown = options.read()
  let applying = false
  let writeTimer: ReturnType<typeof setTimeout> | undefined
  let historyTimer: ReturnType<typeof setTimeout> | undefined

  const selected = computed(() => (selectedId.value ? (findNode(root.value, selectedId.value) ?? null) : null))
  const selectedParent = computed(() => (selectedId.value ? (findParent(root.value, selectedId.value)?.parent ?? null) : null))
  const fields = computed(() => fieldPaths(root.value))
  const canUndo = computed(() => historyTick.value >= 0 && history.canUndo)
  const canRedo = computed(() => historyTick.value >= 0 && history.canRedo)
  const count = computed(() => flatten(root.value).length)

  function flushWrite(): void {
    clearTimeout(writeTimer)
    options.write(treeToSchema(root.value))
    // what the definition now holds (a reactive proxy of what was written): not an outside change
    written = options.read()
  }
  function flushHistory(): void {
    clearTimeout(historyTimer)
    history.push(root.value)
    historyTick.value++
  }

  // In-place edits only ever touch the selected node (the property panel, rename); structural edits
  // go through edit(), which writes at once. So only the selected node is watched deeply: a deep
  // watch of the whole tree walked every field of a 300-field form on each keystroke (6 ms a key,
  // `pnpm bench designer`).
  watch(
    selected,
    (now, before) => {
      if (!now || now !== before) return // another node selected: not an edit
      touched()
    },
    { deep: true },
  )
  /** An in-place edit: written to the definition and recorded shortly after (one step per burst). */
  function touched(): void {
    if (applying) return
    clearTimeout(writeTimer)
    writeTimer = setTimeout(flushWrite, WRITE_MS)
    clearTimeout(historyTimer)
    historyTimer = setTimeout(flushHistory, HISTORY_MS)
  }
  // The definition was replaced from outside (restored backup, reload): rebuild the tree.
  watch(options.read, (form) => {
    if (form === written) return
    written = form
    applying = true
    root.value = schemaToTree(form)
    history.reset(root.value)
    historyTick.value++
    selectedId.value = null
    queueMicrotask(() => (applying = false))
  })

  /** Applies a structural edit now (write + history at once) when it changed something. */
  function edit(change: (tree: DesignNode) => boolean | DesignNode | undefined): boolean {
    if (options.readonly()) return false
    const result = change(root.value)
    if (!result) return false
    flushWrite()
    flushHistory()
    return true
  }

  function addFromPalette(type: string, parentId = 'root', index = Number.MAX_SAFE_INTEGER): DesignNode | undefined {
    const fresh = createFromPalette(type)
    if (!fresh) return undefined
    const node = reidentify(fresh, allNames(root.value))
    if (!edit((tree) => insertNode(tree, parentId, index, node))) return undefined
    selectedId.value = node.id
    return node
  }
  const move = (id: string, parentId: string, index: number) => edit((tree) => moveNode(tree, id, parentId, index))
  function remove(id = selectedId.value): void {
    if (!id) return
    const at = findParent(root.value, id)
    if (!at || !edit((tree) => removeNode(tree, id))) return
    const siblings = at.parent.children
    selectedId.value = siblings[at.index]?.id ?? siblings[at.index - 1]?.id ?? (at.parent.id === 'root' ? null : at.parent.id)
  }
  function duplicate(id = selectedId.value): void {
    if (!id) return
    let copy: DesignNode | undefined
    if (edit((tree) => (copy = duplicateNode(tree, id)))) selectedId.value = copy!.id
  }
  const shift = (delta: -1 | 1, id = selectedId.value) => id !== null && edit((tree) => shiftNode(tree, id, delta))
  function copy(id = selectedId.value): void {
    const node = id ? findNode(root.value, id) : undefined
    if (node) clipboard.value = cloneJson(node)
  }
  function paste(): void {
    if (!clipboard.value) return
    const node = reidentify(clipboard.value, allNames(root.value))
    const target = selectedId.value ? findParent(root.value, selectedId.value) : undefined
    const ok = edit((tree) => (target ? insertNode(tree, target.parent.id, target.index + 1, node) : insertNode(tree, 'root', tree.children.length, node)))
    if (ok) selectedId.value = node.id
  }
  function addPane(id: string): void {
    const node = findNode(root.value, id)
    if (!node || !isPaneParent(node.schema)) return
    const pane = reidentify(schemaNode('pane', newPane(componentOf(node.schema), node.children.length + 1)), allNames(root.value))
    edit(() => (node.children.push(pane), true))
  }
  /** Renames a node's property key; returns an error key when the name is not usable. */
  function rename(id: string, name: string): string | null {
    const node = findNode(root.value, id)
    if (!node || node.name === name) return null
    if (!NAME_RULE.test(name)) return 'form.props.nameRule'
    if (allNames(root.value).has(name)) return 'form.props.nameTaken'
    node.name = name
    if (node !== selected.value) touched()
    return null
  }
  function applySnapshot(tree: DesignNode | undefined): void {
    if (!tree) return
    applying = true
    root.value = tree
    historyTick.value++
    if (selectedId.value && !findNode(tree, selectedId.value)) selectedId.value = null
    flushWrite()
    queueMicrotask(() => (applying = false))
  }
  function undo(): void {
    if (options.readonly()) return
    if (historyTimer) flushHistory()
    applySnapshot(history.undo())
  }
  function redo(): void {
    if (!options.readonly()) applySnapshot(history.redo())
  }
  function selectSibling(delta: -1 | 1): void {
    const list = flatten(root.value)
    const at = list.findIndex((n) => n.id === selectedId.value)
    const next = list[at < 0 ? 0 : Math.max(0, Math.min(list.length - 1, at + delta))]
    if (next) selectedId.value = next.id
  }
  function select(id: string | null): void {
    selectedId.value = id
  }
  /** Selects the node holding a data path (from a diagnostic). */
  function selectPath(path: string): void {
    const hit = fields.value.find((f) => f.path === path) ?? fields.value.find((f) => path.startsWith(f.path + '.'))
    if (hit) selectedId.value = hit.node.id
  }

  return {
    root, selectedId, selected, selectedParent, fields, canUndo, canRedo, clipboard, count,
    addFromPalette, move, remove, duplicate, shift, copy, paste, addPane, rename, undo, redo, select, selectSibling, selectPath, flushWrite,
  }
}

export type FormDesigner = ReturnType<typeof useFormDesigner>
