import type { CatalogSummary } from '../api/types'

export interface CatalogFilter {
  q?: string
  category?: string
  department?: string
}

/**
 * Items matching a text (in the name, department or key; every space-separated word must match),
 * a category and a department. The same rules as the server's /api/catalog, applied in the
 * browser to the list already loaded so typing needs no round trip.
 */
export function filterCatalog(items: readonly CatalogSummary[], f: CatalogFilter): CatalogSummary[] {
  const words = (f.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean)
  return items.filter(
    (i) =>
      (!f.category || i.category === f.category) &&
      (!f.department || i.departmentId === f.department) &&
      words.every((w) => i.name.toLowerCase().includes(w) || i.department.toLowerCase().includes(w) || i.key.includes(w)),
  )
}

/** Items in the order of keys given (recently viewed first), skipping keys no longer published. */
export function itemsByKeys(items: readonly CatalogSummary[], keys: readonly string[]): CatalogSummary[] {
  const byKey = new Map(items.map((i) => [i.key, i]))
  return keys.flatMap((k) => {
    const i = byKey.get(k)
    return i ? [i] : []
  })
}
