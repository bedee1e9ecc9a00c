import type { CatalogEntry } from '../api/types'

/** The id of the inline JSON the server puts in an item page's HTML (server/src/hall-pages.ts). */
export const PAGE_DATA_ID = 'sl-page-data'

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The published item the server sent inside the page (`<script type="application/json">`, parsed
 * as data, never run), so the item page draws without asking for it again. Undefined when the page
 * has none or it is not an entry's shape; the app then fetches as usual.
 */
export function readPageEntry(doc: Pick<Document, 'getElementById'>): CatalogEntry | undefined {
  const text = doc.getElementById(PAGE_DATA_ID)?.textContent
  if (!text) return undefined
  try {
    const data = JSON.parse(text) as unknown
    const entry = isObj(data) ? data.entry : undefined
    if (!isObj(entry) || typeof entry.key !== 'string' || typeof entry.version !== 'number' || !isObj(entry.item) || !isObj(entry.form)) return undefined
    return entry as unknown as CatalogEntry
  } catch {
    return undefined
  }
}
