import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Where the server's main thread spends its time, from a V8 CPU profile (`node --cpu-prof`), as
 * self time grouped by who is running. Built-ins (JSON, RegExp…) and node: internals are charged
 * to the nearest caller in application or package code, so "engine" includes the SHA-256 and
 * canonical JSON it asks for, and "knex" includes the sqlite3 binding calls it makes; only stacks
 * with no such caller (the HTTP parser, socket writes, timers) stay in node's own buckets.
 * SQLite's own work runs on libuv threads and is not in this profile (it shows as idle here).
 */

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string }
  hitCount?: number
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples?: number[]
  timeDeltas?: number[]
}

function ownCategory(url: string, fn: string): string | null {
  if (!url) {
    if (fn === '(garbage collector)') return 'gc'
    if (fn === '(idle)') return 'idle (waiting: fsync, sqlite threads, network)'
    if (fn === '(program)') return 'v8/native (program)'
    if (fn === '(root)') return null
    return null // a built-in: charged to the caller
  }
  if (url.includes('/packages/engine/')) return 'engine (applyCommand, hashing)'
  if (url.includes('/packages/definition/')) return 'definition (form validation, expressions)'
  if (url.includes('/packages/calendar/')) return 'calendar'
  if (url.includes('/node_modules/')) {
    if (/\/node_modules\/(\.pnpm\/)?knex/.test(url)) return 'knex'
    if (url.includes('sqlite3')) return 'sqlite3 binding (JS side)'
    if (/koa|@koa|path-to-regexp|cookies|keygrip|http-errors|statuses|on-finished|type-is|mime|accepts|negotiator|content-type|raw-body|co-body|bytes|iconv|depd|delegates|vary|destroy|encodeurl|escape-html|fresh|http-assert|only/.test(url))
      return 'koa + middleware libs'
    if (url.includes('zod')) return 'zod (request validation)'
    if (url.includes('pino')) return 'pino'
    if (url.includes('bcrypt')) return 'bcrypt'
    if (url.includes('tsx') || url.includes('esbuild')) return 'tsx loader'
    return 'other packages'
  }
  if (url.includes('/server/src/')) {
    if (url.includes('/middleware/')) return 'server middleware'
    if (url.includes('route-table')) return 'server route-table (validation glue)'
    return 'server services'
  }
  if (url.startsWith('node:')) return null // charged to the caller when there is one
  return 'other'
}

function nodeCategory(url: string): string {
  if (/_http|node:http|http_parser|llhttp/.test(url)) return 'node http'
  if (/net|stream|tcp|socket/.test(url)) return 'node net/streams'
  if (/crypto/.test(url)) return 'node crypto'
  if (/timers|process\/task_queues|promises|async_hooks/.test(url)) return 'node timers/microtasks'
  return 'node other'
}

export interface Breakdown {
  file: string
  totalMs: number
  rows: { category: string; ms: number; share: number }[]
  /** The frames with the most self time (built-ins under their own name), for finding hot spots. */
  top: { frame: string; ms: number; share: number }[]
}

/**
 * Reads the main thread's profile in `dir` (the largest file) and returns self time by category,
 * counting only samples inside `windows` ([from, to] in ms of the monotonic clock that
 * process.hrtime uses, as V8's profile timestamps do) when given.
 */
export function profileBreakdown(dir: string, windows?: readonly (readonly [number, number])[]): Breakdown | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  if (!files.length) return null
  const pick = files
    .map((f) => ({ f, size: readFileSync(join(dir, f)).length }))
    .sort((a, b) => b.size - a.size)[0] as { f: string; size: number }
  const p = JSON.parse(readFileSync(join(dir, pick.f), 'utf8')) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const category = new Map<number, string>()
  // Walk from the root, carrying the nearest categorised ancestor.
  const root = p.nodes[0]
  if (!root) return null
  const stack: { id: number; inherited: string | null; nodeUrl: string | null }[] = [{ id: root.id, inherited: null, nodeUrl: null }]
  while (stack.length) {
    const { id, inherited, nodeUrl } = stack.pop() as (typeof stack)[number]
    const n = byId.get(id)
    if (!n) continue
    const own = ownCategory(n.callFrame.url, n.callFrame.functionName)
    const url = n.callFrame.url.startsWith('node:') ? n.callFrame.url : nodeUrl
    const cat = own ?? inherited ?? (url ? nodeCategory(url) : n.callFrame.url ? 'other' : 'v8 built-ins (no JS caller)')
    category.set(id, cat)
    const carry = own ?? inherited
    for (const c of n.children ?? []) stack.push({ id: c, inherited: carry, nodeUrl: url })
  }
  // Self time from the samples (optionally only those inside the windows).
  const ms = new Map<string, number>()
  const byFrame = new Map<string, number>()
  const frameOf = (id: number) => {
    const n = byId.get(id)
    if (!n) return '?'
    const u = n.callFrame.url
    const short = u ? u.replace(/^.*\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^.*\/(server|packages)\//, '$1/') : '(built-in)'
    return `${n.callFrame.functionName || '(anonymous)'} ${short}`
  }
  let total = 0
  const samples = p.samples ?? []
  const deltas = p.timeDeltas ?? []
  let t = p.startTime
  for (let i = 0; i < samples.length; i++) {
    const d = deltas[i] ?? 0
    t += d
    const next = (deltas[i + 1] ?? d) / 1000
    if (windows && !windows.some(([from, to]) => t / 1000 >= from && t / 1000 <= to)) continue
    const cat = category.get(samples[i] as number) ?? 'other'
    ms.set(cat, (ms.get(cat) ?? 0) + next)
    const frame = frameOf(samples[i] as number)
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + next)
    total += next
  }
  const rows = [...ms.entries()].map(([c, v]) => ({ category: c, ms: v, share: total ? v / total : 0 })).sort((a, b) => b.ms - a.ms)
  const top = [...byFrame.entries()]
    .filter(([f]) => !f.startsWith('(idle)'))
    .map(([frame, v]) => ({ frame, ms: v, share: total ? v / total : 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 25)
  return { file: pick.f, totalMs: total, rows, top }
}
