import type { LocationQuery, LocationQueryRaw } from 'vue-router'

/**
 * Drill-down: every figure on the dashboard names the case list behind it as a set of filters;
 * the list lives at /supervision/cases?… so a drilled list is a link (shareable, back button works).
 */
export interface DrillFilters {
  /** The figure the list came from (for the list's heading). */
  figure?: string
  departmentId?: string
  status?: string
  /** A clock level, or `overdue` (past the promised limit, yellow or red). */
  level?: 'normal' | 'warning' | 'yellow' | 'red' | 'overdue'
  onTime?: boolean
  /** One China calendar day, "2026-03-02" (trend points). */
  day?: string
  /** What happened that day (trend series): cases created, concluded, or concluded on time. */
  event?: 'created' | 'concluded' | 'onTime'
  itemKey?: string
  node?: string
  cardLevel?: 'warning' | 'yellow' | 'red'
}

const LEVELS = ['normal', 'warning', 'yellow', 'red', 'overdue'] as const
const CARD_LEVELS = ['warning', 'yellow', 'red'] as const
const EVENTS = ['created', 'concluded', 'onTime'] as const
const TEXT = /^[\w.:-]{1,100}$/

const one = (v: LocationQuery[string] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' && s !== '' ? s : undefined
}
const pick = <T extends string>(v: string | undefined, allowed: readonly T[]): T | undefined => (v !== undefined && (allowed as readonly string[]).includes(v) ? (v as T) : undefined)

/** Filters → route query (only the set ones; booleans as "1"). */
export function drillQuery(f: DrillFilters): LocationQueryRaw {
  const q: LocationQueryRaw = {}
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === '') continue
    q[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v)
  }
  return q
}

/** Route query → filters; anything malformed is dropped (a hand-edited URL cannot inject). */
export function parseDrillQuery(q: LocationQuery): DrillFilters {
  const f: DrillFilters = {}
  const text = (k: string) => {
    const v = one(q[k])
    return v !== undefined && TEXT.test(v) ? v : undefined
  }
  const figure = text('figure')
  if (figure) f.figure = figure
  const departmentId = text('departmentId')
  if (departmentId) f.departmentId = departmentId
  const status = text('status')
  if (status) f.status = status
  const level = pick(one(q.level), LEVELS)
  if (level) f.level = level
  const onTime = one(q.onTime)
  if (onTime === '1' || onTime === '0') f.onTime = onTime === '1'
  const day = one(q.day)
  if (day && /^\d{4}-\d{2}-\d{2}$/.test(day)) f.day = day
  const event = pick(one(q.event), EVENTS)
  if (event) f.event = event
  const itemKey = text('itemKey')
  if (itemKey) f.itemKey = itemKey
  const node = text('node')
  if (node) f.node = node
  const cardLevel = pick(one(q.cardLevel), CARD_LEVELS)
  if (cardLevel) f.cardLevel = cardLevel
  return f
}

/** The drilled case list of a figure. */
export const drillLocation = (f: DrillFilters) => ({ path: '/supervision/cases', query: drillQuery(f) })

/** Where a case opens from a supervision list: the read-only supervision case page. */
export const caseLocation = (caseId: string) => `/supervision/cases/${encodeURIComponent(caseId)}`

/** Where a card opens: the supervisor's card page, or the unit's in the workbench. */
export const cardLocation = (cardId: string, face: 'supervision' | 'workbench') => (face === 'supervision' ? `/supervision/cards/${encodeURIComponent(cardId)}` : `/workbench/cards/${encodeURIComponent(cardId)}`)

/**
 * The drilled list's filters as the server's query (GET /api/supervision/dashboard/cases): the
 * government view narrowed to the department when one is named; a trend point's day becomes the
 * day the cases were created or concluded (on time).
 */
export function serverCaseQuery(f: DrillFilters, scope: 'own' | 'government'): Record<string, string | number | undefined> {
  return {
    scope,
    department: f.departmentId,
    status: f.status,
    level: f.level,
    cardLevel: f.cardLevel,
    itemKey: f.itemKey,
    node: f.node,
    createdDay: f.event === 'created' ? f.day : undefined,
    concludedDay: f.event === 'concluded' || f.event === 'onTime' ? f.day : undefined,
    onTime: f.event === 'onTime' ? 'true' : f.onTime === undefined ? undefined : String(f.onTime),
  }
}
