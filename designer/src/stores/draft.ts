import { ApiError } from '@sunlight/api-client'
import { validateDefinition, type Diagnostic, type PowerItemDefinition } from '@sunlight/definition'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { discardDraft, getItem, getVersion, saveDraft, submitItem } from '../api'
import type { ItemSummary, Review, SubmitInput, VersionFull, VersionSummary } from '../api'
import { readBackup, removeBackup, writeBackup, type DraftBackup } from '../composables/draft-backup'
import type { DiagnosticTarget } from '../modules/items/lib/diagnostic-target'
import { normalizeDefinition } from '../modules/items/lib/normalize'
import { useSessionStore } from './session'

export type SaveState = 'clean' | 'dirty' | 'saving' | 'saved' | 'error'

const AUTOSAVE_MS = 1200
const VALIDATE_MS = 300
/** Quiet time after an edit before the definition is serialised and backed up in the browser. */
export const BACKUP_MS = 250

/**
 * The item open in the editor. The definition is edited in place by the tabs; every change is
 * validated locally, backed up in the browser and saved as the server draft shortly after (PUT
 * draft), so nothing typed is lost when the network or the tab goes away.
 *
 * Serialising the whole definition is the costly part of an edit (a 300-field form, a 1,000-node
 * flow: `pnpm bench designer`), so it is not done per keystroke: the backup waits for BACKUP_MS of
 * quiet, and is written at once (`flush`) when the page is hidden or closed, the window loses focus,
 * before a save and before another item loads. Until then `dirty` is already true.
 */
export const useDraftStore = defineStore('draft', () => {
  const key = ref<string | null>(null)
  const item = ref<ItemSummary | null>(null)
  const versions = ref<VersionSummary[]>([])
  const version = ref<VersionFull | null>(null)
  const definition = ref<PowerItemDefinition | null>(null)
  const readonlyReason = ref<'inReview' | 'cancelled' | 'notYours' | null>(null)
  const saveState = ref<SaveState>('clean')
  const saveError = ref<string | null>(null)
  const lastSavedAt = ref<number | null>(null)
  const diagnostics = shallowRef<Diagnostic[]>([])
  const backup = ref<DraftBackup | null>(null)
  /** An in-place edit not yet serialised (BACKUP_MS). */
  const pendingEdit = ref(false)
  /** Where the diagnostics list asked the editor to go. */
  const focus = ref<(DiagnosticTarget & { at: number }) | null>(null)

  let savedJson = ''
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let validateTimer: ReturnType<typeof setTimeout> | undefined
  let backupTimer: ReturnType<typeof setTimeout> | undefined
  let pendingSave: Promise<void> | null = null
  /** The definition as load() put it (serialised there already: no need to compare it again). */
  let loaded: PowerItemDefinition | null = null

  const readonly = computed(() => readonlyReason.value !== null)
  const dirty = computed(() => pendingEdit.value || saveState.value === 'dirty' || saveState.value === 'saving' || saveState.value === 'error')
  const errors = computed(() => diagnostics.value.filter((d) => d.severity === 'error'))
  const warnings = computed(() => diagnostics.value.filter((d) => d.severity === 'warning'))
  /** The latest legal-office decision on this item, with its reasons. */
  const lastReview = computed<{ version: number; review: Review } | null>(() => {
    const reviewed = [...versions.value].reverse().find((v) => v.review?.outcome)
    return reviewed?.review ? { version: reviewed.version, review: reviewed.review } : null
  })

  function validateNow(): void {
    if (definition.value) diagnostics.value = validateDefinition(definition.value)
  }

  watch(
    definition,
    (now, before) => {
      if (!now || readonly.value) return
      // replaced (load, restore: both validate it themselves): compare with the server's at once
      if (now !== before) return now === loaded ? undefined : recordEdit(true)
      clearTimeout(validateTimer)
      validateTimer = setTimeout(validateNow, VALIDATE_MS)
      pendingEdit.value = true
      clearTimeout(backupTimer)
      backupTimer = setTimeout(() => recordEdit(false), BACKUP_MS)
      clearTimeout(saveTimer)
      saveTimer = setTimeout(() => void save(), AUTOSAVE_MS)
    },
    { deep: true, flush: 'post' },
  )

  /**
   * Serialises the definition; if it differs from the server's, backs it up (and schedules the save
   * when asked: an in-place edit has scheduled it already, AUTOSAVE_MS after the last change).
   */
  function recordEdit(scheduleSave: boolean): void {
    clearTimeout(backupTimer)
    pendingEdit.value = false
    if (!definition.value || readonly.value) return
    const json = JSON.stringify(definition.value)
    if (json === savedJson) return
    if (key.value) writeBackup(key.value, { json, at: Date.now(), baseVersion: version.value?.version ?? null })
    saveState.value = 'dirty'
    if (scheduleSave) {
      clearTimeout(saveTimer)
      saveTimer = setTimeout(() => void save(), AUTOSAVE_MS)
    }
  }

  /** Writes the browser backup of a pending edit now (page hidden or closed, focus lost, before a save). */
  function flush(): void {
    if (pendingEdit.value) recordEdit(false)
  }
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', flush)
    window.addEventListener('beforeunload', flush)
    window.addEventListener('blur', flush)
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush()
    })
  }

  async function load(itemKey: string): Promise<void> {
    flush()
    clearTimeout(saveTimer)
    // a reload of the same item keeps the editor on screen until the new version arrives
    if (key.value !== itemKey) definition.value = null
    key.value = itemKey
    const detail = await getItem(itemKey)
    item.value = detail.item
    versions.value = detail.versions
    const pick =
      detail.versions.find((v) => v.status === 'draft') ??
      detail.versions.find((v) => v.status === 'submitted') ??
      detail.versions[detail.versions.length - 1]
    if (!pick) throw new Error(`item "${itemKey}" has no version`)
    const full = await getVersion(itemKey, pick.version)
    version.value = full
    const session = useSessionStore()
    readonlyReason.value =
      detail.item.status === 'cancelled' ? 'cancelled'
      : detail.versions.some((v) => v.status === 'submitted') ? 'inReview'
      : !session.canEdit(detail.item.departmentId) ? 'notYours'
      : null
    const def = normalizeDefinition(full.definition)
    savedJson = JSON.stringify(def)
    definition.value = def
    loaded = definition.value
    saveState.value = 'clean'
    saveError.value = null
    lastSavedAt.value = full.updatedAt
    diagnostics.value = validateDefinition(def)
    const local = readBackup(itemKey)
    backup.value = local && local.json !== savedJson && !readonly.value ? local : null
    if (local && !backup.value) removeBackup(itemKey)
  }

  /** Saves now (the autosave calls this); resolves once the server has the current text. */
  async function save(): Promise<void> {
    flush()
    clearTimeout(saveTimer)
    if (pendingSave) await pendingSave
    if (!definition.value || !key.value || readonly.value) return
    const json = JSON.stringify(definition.value)
    if (json === savedJson) {
      if (saveState.value !== 'clean') saveState.value = 'saved'
      return
    }
    saveState.value = 'saving'
    const itemKey = key.value
    pendingSave = (async () => {
      try {
        const answer = await saveDraft(itemKey, JSON.parse(json) as Record<string, unknown>)
        savedJson = json
        lastSavedAt.value = Date.now()
        saveError.value = null
        if (version.value?.version !== answer.version) versions.value = (await getItem(itemKey)).versions
        version.value = { ...answer, definition: null }
        removeBackup(itemKey)
        saveState.value = JSON.stringify(definition.value) === json ? 'saved' : 'dirty'
        if (saveState.value === 'dirty') saveTimer = setTimeout(() => void save(), AUTOSAVE_MS)
      } catch (e) {
        saveState.value = 'error'
        saveError.value = e instanceof ApiError ? e.message : String(e)
      } finally {
        pendingSave = null
      }
    })()
    await pendingSave
  }

  function restoreBackup(): void {
    if (!backup.value) return
    definition.value = normalizeDefinition(JSON.parse(backup.value.json))
    backup.value = null
    validateNow()
  }

  function dropBackup(): void {
    if (key.value) removeBackup(key.value)
    backup.value = null
  }

  /** Submits the saved draft for review; a 422 comes back as the server's diagnostics. */
  async function submit(input: SubmitInput): Promise<{ ok: true } | { ok: false; diagnostics: Diagnostic[]; message: string }> {
    await save()
    if (!key.value) return { ok: false, diagnostics: [], message: 'no item' }
    try {
      await submitItem(key.value, input)
      await load(key.value)
      return { ok: true }
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details.diagnostics))
        return { ok: false, diagnostics: e.details.diagnostics as Diagnostic[], message: e.message }
      throw e
    }
  }

  async function discard(): Promise<boolean> {
    if (!key.value) return false
    clearTimeout(saveTimer)
    clearTimeout(backupTimer)
    pendingEdit.value = false
    const answer = await discardDraft(key.value)
    removeBackup(key.value)
    if (!answer.itemRemoved) await load(key.value)
    return answer.itemRemoved
  }

  function jumpTo(target: DiagnosticTarget): void {
    focus.value = { ...target, at: Date.now() }
  }

  return {
    key, item, versions, version, definition, readonlyReason, readonly, saveState, saveError, lastSavedAt,
    diagnostics, errors, warnings, lastReview, backup, focus, dirty,
    load, save, flush, validateNow, restoreBackup, dropBackup, submit, discard, jumpTo,
  }
})
