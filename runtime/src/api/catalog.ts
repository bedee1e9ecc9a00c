import { http } from './http'
import type { CatalogEntry, CatalogSummary } from './types'

export interface CatalogQuery {
  category?: string
  department?: string
  q?: string
}

/** The published catalog (权力清单), optionally filtered. */
export async function fetchCatalog(query: CatalogQuery = {}): Promise<CatalogSummary[]> {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v)
  const qs = params.toString()
  return (await http.get<{ items: CatalogSummary[] }>(`/api/catalog${qs ? `?${qs}` : ''}`)).items
}

/** One published item: public facts, the application form and the public flowchart. */
export function fetchCatalogEntry(key: string): Promise<CatalogEntry> {
  return http.get<CatalogEntry>(`/api/catalog/${encodeURIComponent(key)}`)
}
