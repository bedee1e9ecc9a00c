import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { createItem, getItem, listCatalog, listDepartments, listItems } from '../api'
import type { CatalogEntry, CreateItemInput, DepartmentNode, ItemDetail, ItemSummary } from '../api'
import { flattenDepartments } from '../modules/catalog/lib/catalog-filter'

/**
 * The catalog as the user sees it: items of the departments in scope, published templates, and
 * the department tree the user may act on (GET /api/departments) for the pickers.
 */
export const useItemsStore = defineStore('items', () => {
  const items = ref<ItemSummary[]>([])
  const templates = ref<CatalogEntry[]>([])
  const departmentTree = ref<DepartmentNode[]>([])
  const loading = ref(false)
  const loadedAt = ref<number | null>(null)

  /** Every department in scope, in tree order, with its depth (indented options). */
  const departments = computed(() => flattenDepartments(departmentTree.value))
  /** The departments the user may create items for (clone target). */
  const editableDepartments = computed(() => departments.value.filter((d) => d.canEdit))

  async function load(): Promise<void> {
    loading.value = true
    try {
      const [mine, published, tree] = await Promise.all([listItems(), listCatalog(), listDepartments()])
      items.value = mine.items
      templates.value = published.items
      departmentTree.value = tree.departments
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

  return { items, templates, departmentTree, loading, loadedAt, departments, editableDepartments, load, create, detail }
})
