import { cloneJson } from '../../../lib/clone-json'
import type { DepartmentNode, ItemStatus, ItemSummary } from '../../../api'

export interface CatalogFilter {
  q: string
  department: string
  category: string
  status: ItemStatus | ''
}

export const emptyFilter = (): CatalogFilter => ({ q: '', department: '', category: '', status: '' })

/**
 * Items matching every set criterion; the text matches name or key, ignoring case and spaces. A
 * department matches its own items and, given the tree, those of every department below it (a
 * government picks its units).
 */
export function filterItems(items: readonly ItemSummary[], f: CatalogFilter, tree: readonly DepartmentNode[] = []): ItemSummary[] {
  const q = f.q.trim().toLowerCase().replace(/\s+/g, '')
  const within = f.department ? departmentSubtree(tree, f.department) : null
  return items.filter(
    (i) =>
      (!q || i.name.toLowerCase().replace(/\s+/g, '').includes(q) || i.key.includes(q)) &&
      (!within || within.has(i.departmentId)) &&
      (!f.category || i.category === f.category) &&
      (!f.status || i.status === f.status),
  )
}

/** A department's id with the ids of every department below it in the tree (itself alone if absent). */
export function departmentSubtree(tree: readonly DepartmentNode[], id: string): Set<string> {
  const out = new Set<string>([id])
  const collect = (n: DepartmentNode) => {
    out.add(n.id)
    n.children.forEach(collect)
  }
  const find = (list: readonly DepartmentNode[]): boolean => list.some((n) => (n.id === id ? (collect(n), true) : find(n.children)))
  find(tree)
  return out
}

/** The tree as a flat list in display order, with each department's depth (for indented options). */
export function flattenDepartments(tree: readonly DepartmentNode[], depth = 0): (DepartmentNode & { depth: number })[] {
  return tree.flatMap((n) => [{ ...n, depth }, ...flattenDepartments(n.children, depth + 1)])
}

/** Counts per status, for the tabs above the list. */
export function countByStatus(items: readonly ItemSummary[]): Record<ItemStatus | 'all', number> {
  const out: Record<ItemStatus | 'all', number> = { all: items.length, draft: 0, inReview: 0, published: 0, cancelled: 0 }
  for (const i of items) out[i.status]++
  return out
}

export const ITEM_KEY = /^[a-z0-9][a-z0-9-]{1,79}$/

/** A key for a copy: `<key>-copy`, `<key>-copy-2`… not yet taken. */
export function copyKey(key: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  const base = `${key.slice(0, 70)}-copy`
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}

/**
 * A definition for another department: new key and version 1, the implementing body renamed, its
 * credit code and implementation code cleared (they belong to the original body).
 */
export function cloneForDepartment(def: Record<string, unknown>, key: string, department: { name: string; creditCode?: string }): Record<string, unknown> {
  const copy = cloneJson(def)
  copy.key = key
  copy.version = 1
  const item = (copy.item ?? {}) as Record<string, unknown>
  item.department = { ...((item.department as Record<string, unknown>) ?? {}), name: department.name }
  const dep = item.department as Record<string, unknown>
  if (department.creditCode) dep.creditCode = department.creditCode
  else delete dep.creditCode
  item.implCode = '待编码'
  copy.item = item
  return copy
}

/** Reads an uploaded JSON definition; throws a readable error when it is not one. */
export function parseImportedJson(text: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    throw new Error(`JSON: ${(e as Error).message}`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('JSON: not an object')
  const { $schema: _schema, ...rest } = parsed as Record<string, unknown>
  return rest
}

/** Offers a definition as a file download (JSON, pretty-printed). */
export function downloadJson(fileName: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
