import { cloneJson } from '../../../lib/clone-json'
import type { ItemStatus, ItemSummary } from '../../../api'

export interface CatalogFilter {
  q: string
  department: string
  category: string
  status: ItemStatus | ''
}

export const emptyFilter = (): CatalogFilter => ({ q: '', department: '', category: '', status: '' })

/** Items matching every set criterion; the text matches name or key, ignoring case and spaces. */
export function filterItems(items: readonly ItemSummary[], f: CatalogFilter): ItemSummary[] {
  const q = f.q.trim().toLowerCase().replace(/\s+/g, '')
  return items.filter(
    (i) =>
      (!q || i.name.toLowerCase().replace(/\s+/g, '').includes(q) || i.key.includes(q)) &&
      (!f.department || i.departmentId === f.department) &&
      (!f.category || i.category === f.category) &&
      (!f.status || i.status === f.status),
  )
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
