/** What a saved draft of an application holds (no query password: there is none before submission). */
export interface ApplicationDraft {
  itemKey: string
  itemVersion: number
  savedAt: number
  applicant: Record<string, string>
  form: Record<string, unknown>
  /** Uploaded files per material (names and hashes; the files themselves stay on the server). */
  files: Record<string, { name: string; sha256?: string; fileId?: string; size?: number }[]>
  /** Materials the applicant will hand in on paper. */
  paper?: string[]
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const keyOf = (itemKey: string) => `sunlight:draft:${itemKey}`

/** Saves the draft of an item's application in the browser. Returns false when storage is full or denied. */
export function saveDraft(store: KeyValueStore, draft: ApplicationDraft): boolean {
  try {
    store.setItem(keyOf(draft.itemKey), JSON.stringify(draft))
    return true
  } catch {
    return false
  }
}

/**
 * The saved draft of an item, if any and if it was made for the same published version (a draft
 * of an older form would not fit the new one, so it is dropped).
 */
export function loadDraft(store: KeyValueStore, itemKey: string, itemVersion: number): ApplicationDraft | undefined {
  let raw: string | null
  try {
    raw = store.getItem(keyOf(itemKey))
  } catch {
    return undefined
  }
  if (!raw) return undefined
  try {
    const d = JSON.parse(raw) as ApplicationDraft
    if (d.itemKey !== itemKey || typeof d.form !== 'object' || d.form === null) return undefined
    if (d.itemVersion !== itemVersion) {
      store.removeItem(keyOf(itemKey))
      return undefined
    }
    return { ...d, applicant: d.applicant ?? {}, files: d.files ?? {}, paper: Array.isArray(d.paper) ? d.paper : [] }
  } catch {
    store.removeItem(keyOf(itemKey))
    return undefined
  }
}

export function clearDraft(store: KeyValueStore, itemKey: string): void {
  try {
    store.removeItem(keyOf(itemKey))
  } catch {
    // storage unavailable: nothing to clear
  }
}
