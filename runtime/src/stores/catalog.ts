import { defineStore } from 'pinia'
import { ref } from 'vue'
import { fetchCatalog, fetchCatalogEntry } from '../api/catalog'
import type { CatalogEntry, CatalogSummary } from '../api/types'

const RECENT_KEY = 'sunlight:recent-items'

function readRecent(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, 8) : []
  } catch {
    return []
  }
}

/** The published catalog: the list, each item's entry (cached), and the visitor's recently viewed items. */
export const useCatalogStore = defineStore('catalog', () => {
  const items = ref<CatalogSummary[]>([])
  const loaded = ref(false)
  const entries = ref<Record<string, CatalogEntry>>({})
  const recent = ref<string[]>(readRecent())

  async function loadAll(): Promise<CatalogSummary[]> {
    if (!loaded.value) {
      items.value = await fetchCatalog()
      loaded.value = true
    }
    return items.value
  }

  /** One item's published entry, fetched once per page load. */
  async function entry(key: string): Promise<CatalogEntry> {
    const cached = entries.value[key]
    if (cached) return cached
    const e = await fetchCatalogEntry(key)
    entries.value = { ...entries.value, [key]: e }
    return e
  }

  /** An entry the page already carries (the server's inline data on item pages): no request for it. */
  function seed(e: CatalogEntry): void {
    entries.value = { ...entries.value, [e.key]: e }
  }

  function markViewed(key: string): void {
    recent.value = [key, ...recent.value.filter((k) => k !== key)].slice(0, 8)
    try {
      localStorage.setItem(RECENT_KEY, JSON.stringify(recent.value))
    } catch {
      // storage denied: not remembered
    }
  }

  return { items, loaded, entries, recent, loadAll, entry, seed, markViewed }
})
