import { parseExpression, referencedPaths } from '@sunlight/expression'
import { diagnostic, pointer, type Diagnostic } from './diagnostics'
import type { Dictionaries, Dictionary } from './dictionaries'
import { caseFacts, documentFacts, eventFacts, itemFacts } from './facts'
import { collectFormExpressions, collectFormFields } from './form-fields'
import type { PowerItemDefinition } from './types'

const ACCEPTANCE_OPERATIONS = new Set(['accept', 'refuse', 'requestSupplement'])

/** Every reference points at something that exists; every expression parses and names known things. */
export function checkReferences(def: PowerItemDefinition, dicts: Dictionaries): Diagnostic[] {
  const out: Diagnostic[] = []
  const fields = collectFormFields(def.form)
  const fieldPaths = new Set(fields.map((f) => f.path))
  const fieldRoots = new Set(fields.map((f) => f.path.split('.')[0] as string))
  const nodes = new Map(def.flow.nodes.map((n, i) => [n.id, { n, i }]))
  const docs = new Map(def.documents.map((d, i) => [d.id, { d, i }]))

  const inDict = (dict: Dictionary, code: string, path: string, name: string) => {
    if (!dict.some((e) => e.code === code)) out.push(diagnostic('dict.unknown', path, { code, dictionary: name }))
  }
  inDict(dicts.category, def.item.category, pointer('item', 'category'), 'category')
  if (def.item.exerciseLevel) inDict(dicts.exerciseLevel, def.item.exerciseLevel, pointer('item', 'exerciseLevel'), 'exerciseLevel')
  def.item.serviceObjects.forEach((c, i) => inDict(dicts.serviceObject, c, pointer('item', 'serviceObjects', i), 'serviceObject'))
  def.item.handlingForms.forEach((c, i) => inDict(dicts.handlingForm, c, pointer('item', 'handlingForms', i), 'handlingForm'))
  if (def.item.department.nature)
    inDict(dicts.organisationNature, def.item.department.nature, pointer('item', 'department', 'nature'), 'organisationNature')
  duplicates(def.item.materials.map((m) => m.id), (i, id) => out.push(diagnostic('id.duplicate', pointer('item', 'materials', i, 'id'), { id })))

  // Expressions: which root names they may read.
  const exprCheck = (source: string, path: string, roots: ReadonlySet<string>, allowFieldRoots: boolean) => {
    const parsed = parseExpression(source)
    if (!parsed.ok) {
      out.push(
        diagnostic('expr.parse', path, {
          detail: parsed.error.message,
          detailZh: parsed.error.messageZh,
          offset: parsed.error.offset,
        }),
      )
      return
    }
    for (const p of referencedPaths(parsed.ast)) {
      const [root, second] = p.split('.') as [string, string | undefined]
      if (root === 'form') {
        if (second !== undefined && !fieldRoots.has(second)) out.push(diagnostic('ref.unknown_field', path, { field: second }))
      } else if (!roots.has(root) && !(allowFieldRoots && fieldRoots.has(root))) {
        out.push(diagnostic('expr.unknown_name', path, { name: root }))
      }
    }
  }
  const conditionRoots = new Set(['form', 'case', 'item'])
  def.flow.edges.forEach((e, i) => {
    const from = nodes.get(e.from)?.n
    if (e.condition && from?.type === 'exclusive' && parseExpression(e.condition).ok)
      exprCheck(e.condition, pointer('flow', 'edges', i, 'condition'), conditionRoots, true)
  })
  for (const { pointer: p, source } of collectFormExpressions(def.form)) {
    const parsed = parseExpression(source)
    if (!parsed.ok)
      out.push(diagnostic('expr.parse', p, { detail: parsed.error.message, detailZh: parsed.error.messageZh, offset: parsed.error.offset }))
  }

  // Steps: field permissions, documents, separation of duties.
  def.flow.nodes.forEach((n, i) => {
    if (n.type === 'end') inDict(dicts.result, n.result, pointer('flow', 'nodes', i, 'result'), 'result')
    if (n.type !== 'step') return
    for (const [field, perm] of Object.entries(n.fieldPermissions)) {
      const at = pointer('flow', 'nodes', i, 'fieldPermissions', field)
      if (!fieldPaths.has(field)) out.push(diagnostic('ref.unknown_field', at, { field }))
      else if (perm === 'write' && (n.kind === 'acceptance' || n.countersign))
        out.push(
          diagnostic('step.permission_unusable', at, {
            node: n.id,
            field,
            why: n.kind === 'acceptance' ? 'acceptance records no form changes' : 'countersign signatures carry no form changes',
            whyZh: n.kind === 'acceptance' ? '受理操作不修改表单' : '会签只记录签署意见，不修改表单',
          }),
        )
    }
    n.documents.forEach((docId, j) => {
      const doc = docs.get(docId)
      if (!doc) out.push(diagnostic('ref.unknown_document', pointer('flow', 'nodes', i, 'documents', j), { id: docId }))
      else if (doc.d.node !== n.id)
        out.push(diagnostic('ref.document_step_mismatch', pointer('flow', 'nodes', i, 'documents', j), { id: docId, node: doc.d.node, step: n.id }))
    })
  })
  def.flow.separationOfDuties.forEach((group, g) =>
    group.forEach((id, j) => refStep(id, pointer('flow', 'separationOfDuties', g, j))),
  )

  function refStep(id: string, path: string): void {
    const found = nodes.get(id)
    if (!found) out.push(diagnostic('ref.unknown_node', path, { node: id }))
    else if (found.n.type !== 'step') out.push(diagnostic('ref.not_a_step', path, { node: id }))
  }

  // Monitoring and risk points.
  const monitorRoots = new Set(['form', 'case', 'event', 'step', 'item'])
  duplicates(def.monitoringPoints.map((m) => m.id), (i, id) => out.push(diagnostic('id.duplicate', pointer('monitoringPoints', i, 'id'), { id })))
  def.monitoringPoints.forEach((mp, i) => {
    if (mp.node !== undefined) refStep(mp.node, pointer('monitoringPoints', i, 'node'))
    exprCheck(mp.expression, pointer('monitoringPoints', i, 'expression'), monitorRoots, false)
  })
  duplicates(def.riskPoints.map((r) => r.id), (i, id) => out.push(diagnostic('id.duplicate', pointer('riskPoints', i, 'id'), { id })))
  def.riskPoints.forEach((rp, i) => refStep(rp.node, pointer('riskPoints', i, 'node')))

  // Time-limit profile.
  def.timeLimits.specialProcedures.forEach((sp, i) =>
    inDict(dicts.specialProcedure, sp.type, pointer('timeLimits', 'specialProcedures', i, 'type'), 'specialProcedure'),
  )
  const ext = def.timeLimits.extension
  if (ext && !dicts.post.some((p) => p.code === ext.approverPost))
    out.push(diagnostic('special_procedure.extension_post', pointer('timeLimits', 'extension', 'approverPost'), { post: ext.approverPost }))

  // Discretion standards.
  if (def.discretion.length > 0 && def.item.category !== '02')
    out.push(diagnostic('discretion.not_penalty', pointer('discretion')))
  def.discretion.forEach((ds, i) => {
    const field = (f: string, ...rest: (string | number)[]) => {
      if (!fieldPaths.has(f)) out.push(diagnostic('ref.unknown_field', pointer('discretion', i, ...rest), { field: f }))
    }
    field(ds.gradeField, 'gradeField')
    field(ds.amountField, 'amountField')
    duplicates(ds.grades.map((g) => g.id), (j, id) => out.push(diagnostic('id.duplicate', pointer('discretion', i, 'grades', j, 'id'), { id })))
    ds.grades.forEach((g, j) => {
      const f = g.fine
      if (f.kind === 'ratio') field(f.baseField, 'grades', j, 'fine', 'baseField')
      if (f.kind === 'perUnit') field(f.quantityField, 'grades', j, 'fine', 'quantityField')
      const [min, max] = f.kind === 'range' || f.kind === 'perUnit' ? [f.min, f.max] : f.kind === 'ratio' ? [f.minRatio, f.maxRatio] : [0, 0]
      if (min > max) out.push(diagnostic('discretion.range', pointer('discretion', i, 'grades', j, 'fine'), { min, max }))
      if (g.condition) exprCheck(g.condition, pointer('discretion', i, 'grades', j, 'condition'), new Set(['form']), true)
    })
  })

  // Documents.
  duplicates(def.documents.map((d) => d.id), (i, id) => out.push(diagnostic('id.duplicate', pointer('documents', i, 'id'), { id })))
  def.documents.forEach((doc, i) => {
    inDict(dicts.documentKind, doc.kind, pointer('documents', i, 'kind'), 'documentKind')
    refStep(doc.node, pointer('documents', i, 'node'))
    const step = nodes.get(doc.node)?.n
    if (doc.operation && step?.type === 'step') {
      const allowed = step.operations.includes(doc.operation) || (step.kind === 'acceptance' && ACCEPTANCE_OPERATIONS.has(doc.operation))
      if (!allowed)
        out.push(diagnostic('ref.operation_not_allowed', pointer('documents', i, 'operation'), { id: doc.id, operation: doc.operation, node: doc.node }))
    }
    for (const ph of placeholders(doc.body))
      if (!knownPlaceholder(ph, fieldPaths)) out.push(diagnostic('ref.unknown_placeholder', pointer('documents', i, 'body'), { placeholder: ph }))
  })
  return out
}

/** `{{ form.x }}` placeholders of a document body. */
export function placeholders(body: string): string[] {
  return [...body.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1] as string)
}

function knownPlaceholder(ph: string, fields: ReadonlySet<string>): boolean {
  const [root, ...rest] = ph.split('.')
  const name = rest.join('.')
  if (root === 'form') return fields.has(name)
  if (root === 'case') return (caseFacts as readonly string[]).includes(name)
  if (root === 'item') return (itemFacts as readonly string[]).includes(rest[0] ?? '')
  if (root === 'doc') return (documentFacts as readonly string[]).includes(name)
  if (root === 'event') return (eventFacts as readonly string[]).includes(name)
  return false
}

function duplicates(ids: readonly string[], report: (index: number, id: string) => void): void {
  const seen = new Set<string>()
  ids.forEach((id, i) => {
    if (seen.has(id)) report(i, id)
    seen.add(id)
  })
}
