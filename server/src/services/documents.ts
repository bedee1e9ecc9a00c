import { randomUUID } from 'node:crypto'
import { defaultDictionaries, dictionaryLabel, type PowerItemDefinition } from '@sunlight/definition'
import { caseFactsOf, expectedResults, operationNamesZh, type CaseEvent, type CaseState, type EventType } from '@sunlight/engine'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { audit } from './audit'
import { eventsOf, stateOf } from './case-store'
import { caseForUser } from './cases'
import { nextValue } from './counters'
import { renderPdf } from './document-pdf'
import { chineseDate, documentFactsOf, formatDocNo, renderContent, renderHtml } from './document-render'
import { documentSummary, findDocument, notFound, SUMMARY_COLUMNS, type DocumentRow, type SummaryRow } from './document-store'
import { definitionAt } from './items-store'

type DocumentTemplate = PowerItemDefinition['documents'][number]

/** The event that records a template's operation; no operation = the step was completed. */
const EVENT_OF: Record<string, EventType> = {
  accept: 'case:accepted',
  refuse: 'case:refused',
  requestSupplement: 'case:supplementRequested',
  specialProcedure: 'case:specialProcedureStarted',
  extend: 'case:extended',
  suspend: 'case:suspended',
  return: 'step:returned',
  transfer: 'step:transferred',
  countersign: 'step:signed',
  withdraw: 'step:withdrawn',
  merge: 'case:merged',
  conclude: 'case:concluded',
  void: 'case:voided',
}

/** The latest act on the template's step that the document records, if it happened. */
export function triggeringEvent(t: DocumentTemplate, events: readonly CaseEvent[]): CaseEvent | undefined {
  const wanted = t.operation ? EVENT_OF[t.operation] : 'step:completed'
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as CaseEvent
    if (e.node !== t.node) continue
    if (e.type === wanted) return e
    // A countersigned step completes with its last signature.
    if (!t.operation && e.type === 'step:signed' && e.route?.left.includes(t.node)) return e
  }
  return undefined
}

/**
 * Decision kinds that say yes or no (default dictionary codes): such a document is refused when the
 * case concluded the other way — a 不予批准决定书 for an approved case is never issued by mistake.
 */
const SAYS_YES = new Set(['approvalDecision', 'rewardDecision', 'paymentDecision', 'filingNotice'])
const SAYS_NO = new Set(['denialDecision'])
export function contradictsResult(kind: string, result: string | undefined): boolean {
  if (!result) return false
  if (SAYS_NO.has(kind)) return result === 'approved'
  if (SAYS_YES.has(kind)) return result === 'denied' || result === 'refused'
  if (kind === 'penaltyDecision') return result === 'notPenalised'
  return false
}

/**
 * Whether a document fits the case's outcome: the result once concluded; before that, the results
 * the flow can still reach from the act the document records, with the gateways decided by the
 * case's current form (an approval decision is not offered after the approver chose to deny).
 */
export function fitsOutcome(def: PowerItemDefinition, kind: string, state: CaseState, event: CaseEvent, now: number, cal: import('@sunlight/calendar').Calendar): boolean {
  if (state.result) return !contradictsResult(kind, state.result)
  let scope: Record<string, unknown>
  try {
    scope = { ...state.form, form: state.form, case: caseFactsOf(def, state, now, cal), item: { name: def.item.name, category: def.item.category } }
  } catch {
    scope = { ...state.form, form: state.form }
  }
  const results = expectedResults(def, event, scope)
  return results.length === 0 || results.some((r) => !contradictsResult(kind, r))
}

const isUniqueViolation = (e: unknown): boolean => {
  const x = e as { code?: unknown; message?: unknown }
  return x.code === '23505' || (x.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(String(x.message)))
}

export interface IssueInput {
  templateId: string
  /** Issue again with a new number; the current one is marked superseded. Needs a reason. */
  reissue?: boolean
  reason?: string
}

function templateOf(def: PowerItemDefinition, templateId: string): DocumentTemplate {
  const t = def.documents.find((d) => d.id === templateId)
  if (!t) {
    const ids = def.documents.map((d) => d.id)
    const message = ids.length ? `not a document template of this case's item version; one of: ${ids.join(', ')}` : 'this item version defines no document templates'
    throw new AppError('VALIDATION_FAILED', `invalid body: /body/templateId ${message}`, { issues: [{ path: '/body/templateId', code: 'unknown_template', message }] })
  }
  return t
}

/**
 * Issues (制发) a document of the case's definition version: its act must have happened (the
 * acceptance for the 受理通知书, the completed step for a decision…); the issuer is staff of the
 * case's department holding the post of the template's step, or the person who performed the act.
 * One document per template per act; `reissue` gives a new number and supersedes the current one.
 * The number comes from the gap-free counter (department × year × kind) in the same transaction
 * as the row, so a failed issue leaves no gap and concurrent issues never share a number.
 */
export async function issueDocument(deps: Deps, user: User, caseId: string, input: IssueInput) {
  const row = await caseForUser(deps, user, caseId)
  if (user.departmentId !== row.department_id) throw new AppError('NOT_FOUND', `no case ${caseId}`, { caseId })
  const def = await definitionAt(deps, row.item_key, row.item_version)
  const template = templateOf(def, input.templateId)
  const event = triggeringEvent(template, await eventsOf(deps.db.knex, row.id))
  const node = def.flow.nodes.find((n) => n.id === template.node)
  const step = node?.type === 'step' ? node : undefined
  if (!event) {
    const op = template.operation === 'specialProcedure' ? 'startSpecialProcedure' : template.operation
    const act = op ? (operationNamesZh[op] ?? op) : '办理完成'
    throw new AppError('UNPROCESSABLE', `"${template.title}" records "${template.operation ?? 'complete'}" at step "${template.node}", which has not happened on this case`, {
      refusal: 'document.actNotDone',
      messageZh: `本案尚未在“${step?.name ?? template.node}”环节${act}，不能制发《${template.title}》`,
      templateId: template.id,
    })
  }
  const state = stateOf(row)
  const result = state.result
  if (contradictsResult(template.kind, result))
    throw new AppError('UNPROCESSABLE', `"${template.title}" contradicts the case's result "${result}"`, {
      refusal: 'document.resultMismatch',
      messageZh: `本案办结结果为“${dictionaryLabel(defaultDictionaries.result, result ?? '') ?? result}”，不能制发《${template.title}》`,
      templateId: template.id,
    })
  if (!fitsOutcome(def, template.kind, state, event, deps.now(), deps.calendar))
    throw new AppError('UNPROCESSABLE', `"${template.title}" does not fit the decision taken on this case`, {
      refusal: 'document.resultMismatch',
      messageZh: `《${template.title}》与本案已作出的决定不一致，不能制发`,
      templateId: template.id,
    })
  if (step && !user.posts.includes(step.post) && event.actor.id !== user.id)
    throw new AppError('FORBIDDEN', `issuing "${template.title}" needs the post "${step.post}" of step "${step.name}"`, { post: step.post, templateId: template.id })

  const now = deps.now()
  const issueDay = deps.calendar.dayOf(now)
  const year = Number(issueDay.slice(0, 4))
  const facts = documentFactsOf(def, stateOf(row), event, now, deps.calendar)
  const id = randomUUID()
  let inserted: Omit<DocumentRow, 'pdf'>
  try {
    inserted = await deps.db.knex.transaction(async (trx) => {
      const prev = (await trx('documents').where({ case_id: row.id, template_id: template.id, event_seq: event.seq }).orderBy('revision', 'desc').first(...SUMMARY_COLUMNS)) as SummaryRow | undefined
      if (prev && !input.reissue)
        throw new AppError('CONFLICT', `"${template.title}" was already issued for this act as ${prev.doc_no}; reissue it explicitly (reissue: true, reason) to replace it`, {
          documentId: prev.id,
          docNo: prev.doc_no,
        })
      if (!prev && input.reissue) throw new AppError('UNPROCESSABLE', `"${template.title}" has not been issued for this act yet: there is nothing to reissue`, { refusal: 'document.nothingToReissue', templateId: template.id })
      const seq = await nextValue(trx, `doc:${row.department_id}:${year}:${template.kind}`)
      const docNo = formatDocNo(template.numberPattern, { dept: row.department_id, year, seq })
      const content = renderContent(def, template, facts, { docNo, date: chineseDate(issueDay) })
      const record = {
        id,
        case_id: row.id,
        item_key: row.item_key,
        item_version: row.item_version,
        template_id: template.id,
        kind: template.kind,
        title: template.title,
        doc_no: docNo,
        department_id: row.department_id,
        year,
        seq,
        event_seq: event.seq,
        revision: prev ? Number(prev.revision) + 1 : 1,
        to_applicant: template.toApplicant,
        issued_at: now,
        issued_by: user.id,
        issued_by_name: user.name,
        content: JSON.stringify(content),
        html: renderHtml(content),
        superseded_by: null,
        superseded_at: null,
        reissue_reason: prev ? (input.reason ?? null) : null,
      }
      await trx('documents').insert(record)
      if (prev) {
        const n = await trx('documents').where({ id: prev.id }).whereNull('superseded_by').update({ superseded_by: id, superseded_at: now })
        if (n !== 1) throw new AppError('CONFLICT', `${prev.doc_no} was reissued by someone else at the same time; reload`, { documentId: prev.id })
      }
      return record
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', `"${template.title}" could not be issued: issued by someone else at the same time, or its number is taken; reload and try again`, { templateId: template.id })
    throw e
  }
  await audit(deps, { actorId: user.id, action: input.reissue ? 'document.reissue' : 'document.issue', target: id, success: true, details: { caseId: row.id, docNo: inserted.doc_no, reason: input.reason } })
  try {
    const pdf = await renderPdf(JSON.parse(inserted.content), now)
    await deps.db.knex('documents').where({ id }).whereNull('pdf').update({ pdf })
  } catch (e) {
    // The document stands (number and HTML are committed); the PDF is rendered again when first asked for.
    deps.logger.error({ err: e, documentId: id }, 'document PDF render failed')
  }
  return documentSummary(inserted)
}

/** A case's documents (newest first) and its templates with whether each can be issued now. */
export async function caseDocuments(deps: Deps, user: User, caseId: string) {
  const row = await caseForUser(deps, user, caseId)
  const def = await definitionAt(deps, row.item_key, row.item_version)
  const events = await eventsOf(deps.db.knex, row.id)
  const state = stateOf(row)
  const now = deps.now()
  const docs = (await deps.db.knex('documents').where({ case_id: row.id }).orderBy('issued_at', 'desc').orderBy('seq', 'desc').select(...SUMMARY_COLUMNS)) as SummaryRow[]
  const templates = def.documents.map((t) => {
    const node = def.flow.nodes.find((n) => n.id === t.node)
    const event = triggeringEvent(t, events)
    const current = event ? docs.find((d) => d.template_id === t.id && Number(d.event_seq) === event.seq && !d.superseded_by) : undefined
    return {
      id: t.id,
      kind: t.kind,
      title: t.title,
      node: t.node,
      nodeName: node?.name ?? t.node,
      operation: t.operation ?? null,
      post: node?.type === 'step' ? node.post : null,
      toApplicant: t.toApplicant,
      actDone: event !== undefined,
      /** The act happened and the document fits the case's result (or, before conclusion, the decision taken). */
      available: event !== undefined && fitsOutcome(def, t.kind, state, event, now, deps.calendar),
      issuedDocumentId: current?.id ?? null,
    }
  })
  return { caseId: row.id, caseNo: row.case_no, documents: docs.map(documentSummary), templates }
}

/** One document, if the user may see its case (staff of the department, supervisors above, admins); else 404. */
export async function documentForUser(deps: Deps, user: User, docId: string): Promise<DocumentRow> {
  const doc = await findDocument(deps.db.knex, docId)
  if (!doc) throw notFound(docId)
  try {
    await caseForUser(deps, user, doc.case_id)
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw notFound(docId)
    throw e
  }
  return doc
}
