import { atPointer, jsonDiff, type DiffEntry } from './definition-diff'

/**
 * The parts a legal-office review is split into (domain.md §1.4, 徐州 §13): basic information
 * and the public flowchart need 确认 (confirmation); the internal flowchart and the discretion
 * standards are only 备案 (filed).
 */
export const confirmableParts = ['basicInfo', 'publicFlow'] as const
export const filedParts = ['internalFlow', 'discretion'] as const
export type ReviewPart = (typeof confirmableParts)[number] | (typeof filedParts)[number]

/** Fields of a public step that the public flowchart (外部流程图) shows. */
const PUBLIC_STEP_FIELDS = new Set(['name', 'publicName', 'limit', 'public', 'type'])

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A step shown in the hall: a step whose `public` is not false. */
const isPublicStep = (n: unknown) => isObj(n) && n.type === 'step' && n.public !== false

/** Which review part a change at `path` belongs to. */
export function partOf(entry: DiffEntry, from: unknown, to: unknown): ReviewPart {
  const segs = entry.path.split('/').slice(1)
  const top = segs[0]
  if (top === 'discretion') return 'discretion'
  if (top === 'layout' || top === 'monitoringPoints' || top === 'riskPoints') return 'internalFlow'
  if (top !== 'flow') return 'basicInfo' // item, form, timeLimits, documents, key, schemaVersion
  if (segs.length === 1) return 'publicFlow'
  if (segs[1] !== 'nodes') return 'internalFlow' // edges, separation of duties
  if (segs.length === 2) return 'publicFlow'
  // a node: public if it is a public step in either version and the change touches what the hall shows
  const nodePointer = `/flow/nodes/${segs[2]}`
  const here = atPointer(entry.op === 'removed' ? from : to, nodePointer)
  const other = atPointer(entry.op === 'removed' ? to : from, '/flow/nodes')
  const twin = isObj(here) && Array.isArray(other) ? other.find((n) => isObj(n) && n.id === here.id) : undefined
  const publicStep = isPublicStep(here) || isPublicStep(twin)
  if (!publicStep) return 'internalFlow'
  return segs.length === 3 || PUBLIC_STEP_FIELDS.has(segs[3] ?? '') ? 'publicFlow' : 'internalFlow'
}

export interface PartDiffEntry extends DiffEntry {
  part: ReviewPart
}

/**
 * The diff between two definitions with each entry's review part. `version` is left out (it always
 * differs) and so is `$schema` (an editor hint).
 */
export function definitionDiff(from: unknown, to: unknown): PartDiffEntry[] {
  const strip = (d: unknown) => {
    if (!isObj(d)) return d
    const { version: _v, $schema: _s, ...rest } = d
    return rest
  }
  const a = strip(from ?? {})
  const b = strip(to)
  return jsonDiff(a, b).map((e) => ({ ...e, part: partOf(e, a, b) }))
}

/** Count of changes per part. */
export function diffSummary(entries: readonly PartDiffEntry[]): Record<ReviewPart, number> {
  const out: Record<ReviewPart, number> = { basicInfo: 0, publicFlow: 0, internalFlow: 0, discretion: 0 }
  for (const e of entries) out[e.part]++
  return out
}
