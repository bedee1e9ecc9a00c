import type { Material } from '@sunlight/definition'
import { computed, reactive } from 'vue'
import { uploadFile } from '../api/uploads'
import type { UploadedFile } from '../api/types'
import { createSlots, emptySlot, materialSubmissions, uploading, type SlotFile, type Slots } from '../lib/materials'

export type Uploader = (file: File, onProgress: (percent: number) => void) => Promise<UploadedFile>
export type SavedFiles = Record<string, { name: string; sha256?: string; fileId?: string; size?: number }[]>

let seq = 0

/**
 * Upload slots, one per material: each file uploads at once with its progress; failed files stay
 * listed with their error until removed. The uploader is injectable for tests.
 */
export function useMaterialSlots(describeError: (e: unknown) => string, uploader: Uploader = uploadFile) {
  const slots = reactive<Slots>({})

  /** Fresh slots for the materials, optionally with the files and paper choices saved in a draft. */
  function reset(materials: readonly Material[], saved: SavedFiles = {}, paper: readonly string[] = []): void {
    for (const k of Object.keys(slots)) delete slots[k]
    Object.assign(slots, createSlots(materials))
    for (const [id, files] of Object.entries(saved)) {
      const s = slots[id]
      if (!s) continue
      s.files = files.map((f) => ({ key: `saved-${++seq}`, name: f.name, size: f.size, sha256: f.sha256, fileId: f.fileId, status: 'done', progress: 100 }))
    }
    for (const id of paper) if (slots[id]) (slots[id] as { paper: boolean }).paper = true
  }

  /** Materials marked as handed in on paper, for a draft. */
  const paperChoices = () => Object.entries(slots).filter(([, s]) => s.paper).map(([id]) => id)

  async function add(materialId: string, file: File): Promise<void> {
    const slot = (slots[materialId] ??= emptySlot())
    const entry: SlotFile = { key: `f-${++seq}`, name: file.name, size: file.size, status: 'uploading', progress: 0 }
    slot.files.push(entry)
    // Work on the reactive proxy so progress updates render.
    const live = slot.files[slot.files.length - 1] as SlotFile
    try {
      const r = await uploader(file, (p) => (live.progress = p))
      live.status = 'done'
      live.progress = 100
      live.sha256 = r.sha256
      live.fileId = r.fileId
    } catch (e) {
      live.status = 'error'
      live.error = describeError(e)
    }
  }

  function remove(materialId: string, key: string): void {
    const slot = slots[materialId]
    if (slot) slot.files = slot.files.filter((f) => f.key !== key)
  }

  const busy = computed(() => uploading(slots))

  /** The uploaded files per material, for a draft. */
  function savedFiles(): SavedFiles {
    const out: SavedFiles = {}
    for (const [id, s] of Object.entries(slots)) {
      const done = s.files.filter((f) => f.status === 'done').map((f) => ({ name: f.name, sha256: f.sha256, fileId: f.fileId, size: f.size }))
      if (done.length) out[id] = done
    }
    return out
  }

  const submissions = (materials: readonly Material[], opts: { window?: boolean } = {}) => materialSubmissions(materials, slots, opts)

  return { slots, reset, add, remove, busy, savedFiles, paperChoices, submissions }
}

export type MaterialSlots = ReturnType<typeof useMaterialSlots>
