import { cloneJson } from '../../../lib/clone-json'
import type { PowerItemDefinition } from '@sunlight/definition'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function arr(o: Obj, key: string): void {
  if (!Array.isArray(o[key])) o[key] = []
}
function obj(o: Obj, key: string): Obj {
  if (!isObj(o[key])) o[key] = {}
  return o[key] as Obj
}

/**
 * Gives a stored draft (which may be invalid) the containers every editor reads, so that the
 * editors never meet `undefined` where a list belongs. Only containers are added; values that
 * exist are kept as they are, so a valid definition comes out unchanged.
 */
export function normalizeDefinition(input: unknown): PowerItemDefinition {
  const def: Obj = isObj(input) ? cloneJson(input) : {}
  if (def.schemaVersion === undefined) def.schemaVersion = 1
  const item = obj(def, 'item')
  for (const k of ['legalBasis', 'serviceObjects', 'materials', 'fees', 'locations', 'faq', 'responsibilities', 'handlingForms']) arr(item, k)
  obj(item, 'department')
  if (!isObj(item.statutoryLimit)) item.statutoryLimit = { value: 20, unit: 'workdays' }
  if (!isObj(item.promisedLimit)) item.promisedLimit = { value: 20, unit: 'workdays' }
  const form = obj(def, 'form')
  if (form.type === undefined) form.type = 'object'
  obj(form, 'properties')
  const flow = obj(def, 'flow')
  arr(flow, 'nodes')
  arr(flow, 'edges')
  arr(flow, 'separationOfDuties')
  for (const n of flow.nodes as unknown[]) {
    if (!isObj(n) || n.type !== 'step') continue
    arr(n, 'operations')
    arr(n, 'documents')
    obj(n, 'fieldPermissions')
  }
  const limits = obj(def, 'timeLimits')
  arr(limits, 'specialProcedures')
  if (!isObj(limits.warnings))
    limits.warnings = { warningBeforePromised: { value: 2, unit: 'workdays' }, yellowAfterPromised: { value: 1, unit: 'workdays' }, redAfterStatutory: { value: 1, unit: 'workdays' } }
  for (const k of ['monitoringPoints', 'riskPoints', 'discretion', 'documents']) arr(def, k)
  return def as unknown as PowerItemDefinition
}

/** A short random id for new entries: a letter, then base-36 digits (valid as a definition id). */
export function newId(prefix: string, taken: Iterable<string> = []): string {
  const used = new Set(taken)
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`
    if (!used.has(id)) return id
  }
}
