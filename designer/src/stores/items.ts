import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { createItem, getItem, listCatalog, listItems } from '../api'
import type { CatalogEntry, CreateItemInput, ItemDetail, ItemSummary } from '../api'

/** The catalog as the user sees it: items of the departments in scope, and published templates. */
export const useItemsStore = defineStore('items', () => {
  const items = ref<ItemSummary[]>([])
  const templates = ref<CatalogEntry[]>([])
  const loading = ref(false)
  const loadedAt = ref<number | null>(null)

  const departments = computed(() => {
    const seen = new Map<string, string>()
    for (const i of items.value) seen.set(i.departmentId, i.departmentName ?? i.departmentId)
    for (const t of templates.value) if (!seen.has(t.departmentId)) seen.set(t.departmentId, t.department)
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  })

  async function load(): Promise<void> {
    loading.value = true
    try {
      const [mine, published] = await Promise.all([listItems(), listCatalog()])
      items.value = mine.items
      templates.value = published.items
      loadedAt.value = Date.now()
    } finally {
      loading.value = false
    }
  }

  async function create(input: CreateItemInput): Promise<ItemSummary> {
    const { item } = await createItem(input)
    items.value = [...items.value.filter((i) => i.key !== item.key), item].sort((a, b) => a.key.localeCompare(b.key))
    return item
  }

  async function detail(key: string): Promise<ItemDetail> {
    const d = await getItem(key)
    items.value = items.value.map((i) => (i.key === key ? { ...i, ...d.item } : i))
    return d
  }

  return { items, templates, loading, loadedAt, departments, load, create, detail }
})
