/**
 * A generic structural diff of two JSON documents, used for the before/after view of a change
 * request (动态调整: 变更前 / 变更后).
 *
 * - Objects are compared key by key.
 * - Arrays whose elements are all objects with a unique `id` (or, failing that, a unique `key`)
 *   are matched by that identity, not by position: moving a flow node inside `flow.nodes` is not
 *   a change, and inserting one is a single `added` entry, not a change of every later node.
 *   Their order is not compared.
 * - Other arrays are aligned on their longest common subsequence of equal elements; in each gap
 *   removed and added elements are paired and compared, so editing one legal basis is a change
 *   of that entry's field, not a removal plus an addition.
 *
 * Paths are JSON pointers (RFC 6901) into the `to` document (into `from` for `removed`); when an
 * element sits at another index in `from`, `fromPath` gives its pointer there.
 */
export type DiffOp = 'added' | 'removed' | 'changed'

export interface DiffEntry {
  path: string
  op: DiffOp
  before?: unknown
  after?: unknown
  fromPath?: string
}

type Obj = Record<string, unknown>

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const token = (k: string | number) => String(k).replace(/~/g, '~0').replace(/\//g, '~1')

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined)
    const kb = Object.keys(b).filter((k) => b[k] !== undefined)
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]))
  }
  return false
}

/** The identity property shared by every element of both arrays ('id', else 'key'), if any. */
function identityOf(a: readonly unknown[], b: readonly unknown[]): 'id' | 'key' | undefined {
  const all = [...a, ...b]
  if (all.length === 0) return undefined
  for (const prop of ['id', 'key'] as const) {
    const ok = all.every((e) => isObj(e) && (typeof e[prop] === 'string' || typeof e[prop] === 'number'))
    const unique = (xs: readonly unknown[]) => new Set(xs.map((e) => (e as Obj)[prop])).size === xs.length
    if (ok && unique(a) && unique(b)) return prop
  }
  return undefined
}

interface Walk {
  out: DiffEntry[]
}

function walk(w: Walk, a: unknown, b: unknown, path: string, fromPath: string): void {
  if (deepEqual(a, b)) return
  const moved = fromPath !== path ? { fromPath } : {}
  if (isObj(a) && isObj(b)) {
    for (const k of Object.keys(a)) {
      if (a[k] === undefined) continue
      if (b[k] === undefined) w.out.push({ path: `${fromPath}/${token(k)}`, op: 'removed', before: a[k] })
      else walk(w, a[k], b[k], `${path}/${token(k)}`, `${fromPath}/${token(k)}`)
    }
    for (const k of Object.keys(b))
      if (b[k] !== undefined && a[k] === undefined) w.out.push({ path: `${path}/${token(k)}`, op: 'added', after: b[k] })
    return
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const idProp = identityOf(a, b)
    if (idProp) diffById(w, a as Obj[], b as Obj[], idProp, path, fromPath)
    else diffBySequence(w, a, b, path, fromPath)
    return
  }
  w.out.push({ path, op: 'changed', before: a, after: b, ...moved })
}

function diffById(w: Walk, a: Obj[], b: Obj[], prop: 'id' | 'key', path: string, fromPath: string): void {
  const inA = new Map(a.map((e, i) => [e[prop], i]))
  const inB = new Set(b.map((e) => e[prop]))
  a.forEach((e, i) => {
    if (!inB.has(e[prop])) w.out.push({ path: `${fromPath}/${i}`, op: 'removed', before: e })
  })
  b.forEach((e, j) => {
    const i = inA.get(e[prop])
    if (i === undefined) w.out.push({ path: `${path}/${j}`, op: 'added', after: e })
    else walk(w, a[i], e, `${path}/${j}`, `${fromPath}/${i}`)
  })
}

function diffBySequence(w: Walk, a: unknown[], b: unknown[], path: string, fromPath: string): void {
  // LCS table of equal elements (arrays in definitions are small; cap the work anyway).
  const n = a.length
  const m = b.length
  const pairs: [number, number][] = []
  if (n * m <= 250_000) {
    const t: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--) t[i]![j] = deepEqual(a[i], b[j]) ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!)
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (deepEqual(a[i], b[j])) {
        pairs.push([i, j])
        i++
        j++
      } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++
      else j++
    }
  }
  pairs.push([n, m])
  let pa = 0
  let pb = 0
  for (const [ia, ib] of pairs) {
    // gap a[pa..ia) vs b[pb..ib): pair up, then the rest is removed or added
    const common = Math.min(ia - pa, ib - pb)
    for (let k = 0; k < common; k++) walk(w, a[pa + k], b[pb + k], `${path}/${pb + k}`, `${fromPath}/${pa + k}`)
    for (let k = pa + common; k < ia; k++) w.out.push({ path: `${fromPath}/${k}`, op: 'removed', before: a[k] })
    for (let k = pb + common; k < ib; k++) w.out.push({ path: `${path}/${k}`, op: 'added', after: b[k] })
    pa = ia + 1
    pb = ib + 1
  }
}

/** The structural differences from `from` to `to`, in document order of `to` (removals first per container). */
export function jsonDiff(from: unknown, to: unknown): DiffEntry[] {
  const w: Walk = { out: [] }
  walk(w, from, to, '', '')
  return w.out
}

/** Reads a JSON pointer; undefined when it does not resolve. */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc
  let cur: unknown = doc
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(cur)) cur = cur[Number(k)]
    else if (isObj(cur)) cur = cur[k]
    else return undefined
  }
  return cur
}
