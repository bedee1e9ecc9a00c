import type { Material } from '@sunlight/definition'
import type { MaterialSubmission } from '@sunlight/engine'

/** One file in a material's upload slot, while uploading and after. */
export interface SlotFile {
  /** Local id for list keys. */
  key: string
  name: string
  size?: number
  status: 'uploading' | 'done' | 'error'
  progress: number
  sha256?: string
  fileId?: string
  error?: string
}

/** Per material: files uploaded, and (at the window) whether the paper was received and the original checked. */
export interface SlotState {
  files: SlotFile[]
  /** Paper received at the window, or the applicant will hand in paper (material `form: paper`). */
  paper: boolean
  originalChecked: boolean
}

export type Slots = Record<string, SlotState>

export const emptySlot = (): SlotState => ({ files: [], paper: false, originalChecked: false })

/** A fresh slot for each material of the item. */
export function createSlots(materials: readonly Material[]): Slots {
  return Object.fromEntries(materials.map((m) => [m.id, emptySlot()]))
}

/** Whether a slot accepts uploads (paper-only materials are handed in, not uploaded). */
export const acceptsUpload = (m: Pick<Material, 'form'>) => m.form !== 'paper'

/** Whether any file of the slots is still uploading (submission waits for it). */
export function uploading(slots: Slots): boolean {
  return Object.values(slots).some((s) => s.files.some((f) => f.status === 'uploading'))
}

/**
 * The materials part of an application: a material is provided when at least one file finished
 * uploading or its paper was received; failed and unfinished uploads are left out.
 */
export function materialSubmissions(materials: readonly Material[], slots: Slots, opts: { window?: boolean } = {}): Record<string, MaterialSubmission> {
  const out: Record<string, MaterialSubmission> = {}
  for (const m of materials) {
    const s = slots[m.id] ?? emptySlot()
    const files = s.files.filter((f) => f.status === 'done').map((f) => (f.sha256 ? { name: f.name, sha256: f.sha256 } : { name: f.name }))
    const provided = files.length > 0 || s.paper
    const sub: MaterialSubmission = { provided }
    if (files.length) (sub as { files?: typeof files }).files = files
    if (opts.window && provided && s.originalChecked) (sub as { originalChecked?: boolean }).originalChecked = true
    out[m.id] = sub
  }
  return out
}

/** Mandatory materials not provided: the applicant may still submit (the window will ask for them all at once). */
export function missingMandatory(materials: readonly Material[], submissions: Record<string, MaterialSubmission>): Material[] {
  return materials.filter((m) => m.mandatory && submissions[m.id]?.provided !== true)
}

/** Only the materials a 补正 notice names (materials of the item, in the item's order). */
export function requestedMaterials(materials: readonly Material[], requestedIds: readonly (string | undefined)[]): Material[] {
  const ids = new Set(requestedIds.filter((x): x is string => typeof x === 'string'))
  return materials.filter((m) => ids.has(m.id))
}
