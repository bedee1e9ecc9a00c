import { defineStore } from 'pinia'
import { ref } from 'vue'
import { fetchCase, fetchCaseFiles, fetchCases, runCommand, setWatched, type CaseListQuery } from '../api/cases'
import { fetchCaseDocuments, issueDocument, type DocumentSummary, type DocumentTemplateState } from '../api/documents'
import type { CaseDetail, CaseFile, CaseList } from '../api/types'
import { isMissingRoute } from '../lib/api-error'
import { newIdempotencyKey, type StaffCommandInput } from '../lib/operations'

/** The workbench's cases: the current list with its filters, and the case being handled. */
export const useCasesStore = defineStore('cases', () => {
  const query = ref<CaseListQuery>({ view: 'todo', page: 1, pageSize: 20 })
  const list = ref<CaseList>({ total: 0, page: 1, pageSize: 20, items: [] })
  const listLoading = ref(false)
  const current = ref<CaseDetail | undefined>()
  const files = ref<CaseFile[]>([])
  const documents = ref<DocumentSummary[]>([])
  const templates = ref<DocumentTemplateState[]>([])
  const documentsAvailable = ref<boolean | undefined>()
  /** The click being retried keeps its idempotency key; a new click gets a new one. */
  let pending: { signature: string; key: string } | undefined

  async function loadList(q: Partial<CaseListQuery> = {}): Promise<void> {
    query.value = { ...query.value, ...q }
    listLoading.value = true
    try {
      list.value = await fetchCases(query.value)
    } finally {
      listLoading.value = false
    }
  }

  async function open(id: string): Promise<CaseDetail> {
    const detail = await fetchCase(id)
    current.value = detail
    await Promise.all([loadFiles(id), loadDocuments(id)])
    return detail
  }

  /** Follows or stops following the open case (关注); the page shows the answer the server gave. */
  async function toggleWatch(): Promise<void> {
    const c = current.value
    if (!c) return
    const r = await setWatched(c.case.id, !c.watched)
    if (current.value?.case.id === r.caseId) current.value = { ...current.value, watched: r.watched }
  }

  async function loadFiles(id: string): Promise<void> {
    try {
      files.value = await fetchCaseFiles(id)
    } catch {
      files.value = []
    }
  }

  async function loadDocuments(id: string): Promise<void> {
    try {
      const r = await fetchCaseDocuments(id)
      documents.value = r.documents
      templates.value = r.templates
      documentsAvailable.value = true
    } catch (e) {
      documents.value = []
      templates.value = []
      if (isMissingRoute(e)) documentsAvailable.value = false
      else throw e
    }
  }

  /**
   * Runs an operation on the current case at the version the user saw. A stale version is the
   * server's 409 (shown as "已被他人处理，请刷新"); the case is reloaded after success.
   */
  async function run(command: StaffCommandInput): Promise<void> {
    const c = current.value
    if (!c) return
    const signature = JSON.stringify([c.case.id, c.case.version, command])
    if (pending?.signature !== signature) pending = { signature, key: newIdempotencyKey() }
    await runCommand(c.case.id, c.case.version, command, pending.key)
    pending = undefined
    await open(c.case.id)
  }

  async function issue(templateId: string, reissueReason?: string): Promise<DocumentSummary | undefined> {
    const c = current.value
    if (!c) return undefined
    const d = await issueDocument(c.case.id, templateId, reissueReason)
    await loadDocuments(c.case.id)
    return d
  }

  return { query, list, listLoading, current, files, documents, templates, documentsAvailable, loadList, open, loadFiles, loadDocuments, toggleWatch, run, issue }
})
