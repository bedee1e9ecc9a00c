import { diagnostic, pointer, type Diagnostic } from './diagnostics'
import { buildFlowGraph, type FlowGraph } from './flow-graph'
import type { PowerItemDefinition, TimeLimit } from './types'

const fmt = (l: TimeLimit) => `${l.value} ${l.unit === 'workdays' ? 'working days' : 'days'}`
/** Natural days compared as working days (5 of every 7), rounded down: only used to compare authoring limits. */
const asWorkdays = (l: TimeLimit) => (l.unit === 'workdays' ? l.value : Math.floor((l.value * 5) / 7))

/**
 * Limits fit inside each other: promised ≤ statutory (a promise is normally shorter, GB/T 39046
 * 承诺办结时限), and the step limits along the longest route from acceptance fit inside the promise
 * (each step of the internal chart has its own limit, 徐州 §14). Parallel branches run at the same
 * time, so the longest route is the right measure for both exclusive and parallel branches.
 */
export function checkLimits(def: PowerItemDefinition): Diagnostic[] {
  const out: Diagnostic[] = []
  const { statutoryLimit: statutory, promisedLimit: promised } = def.item
  if (statutory.unit !== promised.unit)
    out.push(
      diagnostic('limit.units_mixed', pointer('item', 'promisedLimit'), {
        what: 'promised and statutory limits',
        whatZh: '承诺时限与法定时限',
      }),
    )
  // The engine adds an extension to both case limits in their unit (行政许可法 art. 42: 20 + 10
  // working days; art. 82 counts working days), so an extension in another unit would be miscounted.
  const extension = def.timeLimits.extension
  if (extension && extension.max.unit !== statutory.unit)
    out.push(
      diagnostic('limit.extension_unit', pointer('timeLimits', 'extension', 'max', 'unit'), {
        unit: extension.max.unit === 'workdays' ? 'working days' : 'days',
        unitZh: extension.max.unit === 'workdays' ? '工作日' : '自然日',
        limitUnit: statutory.unit === 'workdays' ? 'working days' : 'days',
        limitUnitZh: statutory.unit === 'workdays' ? '工作日' : '自然日',
      }),
    )
  if (asWorkdays(promised) > asWorkdays(statutory))
    out.push(
      diagnostic('limit.promised_exceeds_statutory', pointer('item', 'promisedLimit', 'value'), {
        promised: fmt(promised),
        statutory: fmt(statutory),
      }),
    )
  if (def.item.caseType === 'instant' && promised.value > 0)
    out.push(diagnostic('limit.instant_nonzero', pointer('item', 'promisedLimit', 'value')))

  const g = buildFlowGraph(def.flow)
  const acceptance = def.flow.nodes.find((n) => n.type === 'step' && n.kind === 'acceptance')
  if (!acceptance) return out
  const route = longestRoute(g, acceptance.id)
  if (route.some((id) => stepLimit(g, id)?.unit !== statutory.unit))
    out.push(diagnostic('limit.units_mixed', pointer('flow', 'nodes'), { what: 'step limits', whatZh: '环节时限' }))

  const names = route.map((id) => g.nodes.get(id)?.node.name ?? id).join(' → ')
  for (const [limit, code] of [
    [promised, 'limit.steps_exceed_promised'],
    [statutory, 'limit.steps_exceed_statutory'],
  ] as const) {
    let total = 0
    for (const id of route) {
      const l = stepLimit(g, id)
      if (!l) continue
      total += asWorkdays(l)
      if (total > asWorkdays(limit)) {
        const index = g.nodes.get(id)?.index ?? 0
        const sum = route.reduce((s, r) => s + asWorkdays(stepLimit(g, r) ?? { value: 0, unit: 'workdays' }), 0)
        out.push(
          diagnostic(code, pointer('flow', 'nodes', index, 'limit'), {
            route: names,
            total: `${sum} working days`,
            limit: fmt(limit),
          }),
        )
        break
      }
    }
  }
  return out
}

function stepLimit(g: FlowGraph, id: string): TimeLimit | undefined {
  const n = g.nodes.get(id)?.node
  return n?.type === 'step' && n.kind !== 'acceptance' ? n.limit : undefined
}

/** Steps (after the acceptance step) on the route with the largest total limit; loops are cut. */
function longestRoute(g: FlowGraph, from: string): string[] {
  const memo = new Map<string, { total: number; route: string[] }>()
  const onStack = new Set<string>()
  const visit = (id: string): { total: number; route: string[] } => {
    const cached = memo.get(id)
    if (cached) return cached
    onStack.add(id)
    let best = { total: 0, route: [] as string[] }
    for (const e of g.outgoing.get(id) ?? []) {
      if (onStack.has(e.to)) continue
      const r = visit(e.to)
      if (r.total > best.total || best.route.length === 0) best = r
    }
    onStack.delete(id)
    const own = stepLimit(g, id)
    const result = { total: best.total + (own ? asWorkdays(own) : 0), route: own ? [id, ...best.route] : best.route }
    memo.set(id, result)
    return result
  }
  return visit(from).route
}
