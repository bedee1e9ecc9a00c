/** A copy of the unsaved draft in the browser, kept until the server has it. */
export interface DraftBackup {
  json: string
  at: number
  baseVersion: number | null
}

const keyOf = (itemKey: string) => `sunlight.designer.draft.${itemKey}`

export function writeBackup(itemKey: string, backup: DraftBackup): void {
  try {
    globalThis.localStorage?.setItem(keyOf(itemKey), JSON.stringify(backup))
  } catch {
    /* storage full or disabled: the server autosave still runs */
  }
}

export function readBackup(itemKey: string): DraftBackup | null {
  try {
    const raw = globalThis.localStorage?.getItem(keyOf(itemKey))
    if (!raw) return null
    const parsed = JSON.parse(raw) as Partial<DraftBackup>
    return typeof parsed.json === 'string' && typeof parsed.at === 'number' ? { json: parsed.json, at: parsed.at, baseVersion: parsed.baseVersion ?? null } : null
  } catch {
    return null
  }
}

export function removeBackup(itemKey: string): void {
  try {
    globalThis.localStorage?.removeItem(keyOf(itemKey))
  } catch {
    /* ignore */
  }
}
