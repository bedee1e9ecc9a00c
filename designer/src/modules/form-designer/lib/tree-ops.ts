import { cloneJson } from '../../../lib/clone-json'
import { componentOf, isArrayNode, isContainer, isPane, isPaneParent, nextNodeId, PANE_PARENTS, walkTree, type DesignNode } from './design-tree'

/** Structural edits of the designer tree. They mutate in place and return what they did. */

export function findNode(root: DesignNode, id: string): DesignNode | undefined {
  let found: DesignNode | undefined
  walkTree(root, (n) => {
    if (!found && n.id === id) found = n
  })
  return found
}

export function findParent(root: DesignNode, id: string): { parent: DesignNode; index: number } | undefined {
  let out: { parent: DesignNode; index: number } | undefined
  walkTree(root, (n) => {
    if (out) return
    const index = n.children.findIndex((c) => c.id === id)
    if (index >= 0) out = { parent: n, index }
  })
  return out
}

export function isDescendant(ancestor: DesignNode, id: string): boolean {
  return !!findNode(ancestor, id)
}

/** Whether `child` may sit directly inside `parent` (panes only in tabs/collapses, rows only hold plain fields). */
export function canContain(parent: DesignNode, child: DesignNode): boolean {
  const p = parent.schema
  if (parent.id !== 'root' && !isContainer(p)) return false
  if (isPaneParent(p)) return componentOf(child.schema) === PANE_PARENTS[componentOf(p)]
  if (isPane(child.schema)) return false
  if (isArrayNode(p)) return !isContainer(child.schema)
  return true
}

/** Every name used as a property key anywhere in the tree. */
export function allNames(root: DesignNode): Set<string> {
  const names = new Set<string>()
  walkTree(root, (n) => {
    if (n.id !== 'root') names.add(n.name)
  })
  return names
}

export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  const clean = /^[A-Za-z_][A-Za-z0-9_]*$/.test(base) ? base : 'field'
  if (!taken.has(clean)) return clean
  for (let i = 2; ; i++) if (!taken.has(`${clean}${i}`)) return `${clean}${i}`
}

export const NAME_RULE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

/** Gives a subtree fresh ids and names not yet used (for paste, duplicate and palette groups). */
export function reidentify(node: DesignNode, taken: Set<string>): DesignNode {
  const copy: DesignNode = cloneJson(node)
  walkTree(copy, (n) => {
    n.id = nextNodeId()
    n.name = uniqueName(n.name, taken)
    taken.add(n.name)
  })
  return copy
}

export function insertNode(root: DesignNode, parentId: string, index: number, node: DesignNode): boolean {
  const parent = parentId === root.id ? root : findNode(root, parentId)
  if (!parent || !canContain(parent, node)) return false
  parent.children.splice(Math.max(0, Math.min(index, parent.children.length)), 0, node)
  return true
}

/** Moves a node; `index` counts positions in the target list as it is before the move. */
export function moveNode(root: DesignNode, id: string, parentId: string, index: number): boolean {
  const node = findNode(root, id)
  const from = findParent(root, id)
  const target = parentId === root.id ? root : findNode(root, parentId)
  if (!node || !from || !target) return false
  if (isDescendant(node, target.id) || !canContain(target, node)) return false
  let at = index
  if (from.parent.id === target.id && from.index < index) at -= 1
  from.parent.children.splice(from.index, 1)
  target.children.splice(Math.max(0, Math.min(at, target.children.length)), 0, node)
  return true
}

export function removeNode(root: DesignNode, id: string): DesignNode | undefined {
  const at = findParent(root, id)
  if (!at) return undefined
  // a tab or collapse keeps at least one pane
  if (isPane(at.parent.children[at.index]!.schema) && at.parent.children.length <= 1) return undefined
  return at.parent.children.splice(at.index, 1)[0]
}

/** Inserts a copy right after the original; returns the copy. */
export function duplicateNode(root: DesignNode, id: string): DesignNode | undefined {
  const at = findParent(root, id)
  if (!at) return undefined
  const copy = reidentify(at.parent.children[at.index]!, allNames(root))
  at.parent.children.splice(at.index + 1, 0, copy)
  return copy
}

/** Moves a node one place up or down among its siblings. */
export function shiftNode(root: DesignNode, id: string, delta: -1 | 1): boolean {
  const at = findParent(root, id)
  if (!at) return false
  const to = at.index + delta
  if (to < 0 || to >= at.parent.children.length) return false
  const [n] = at.parent.children.splice(at.index, 1)
  at.parent.children.splice(to, 0, n!)
  return true
}

/** Nodes in reading order (for keyboard navigation). */
export function flatten(root: DesignNode): DesignNode[] {
  const out: DesignNode[] = []
  walkTree(root, (n) => {
    if (n.id !== root.id) out.push(n)
  })
  return out
}
