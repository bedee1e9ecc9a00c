import { REGION_DATA } from './regions-data'

/**
 * Administrative divisions (GB/T 2260): every province-level division with its prefecture-level
 * divisions, and the county-level divisions of the provinces whose counties the data carries
 * (regions-data.ts, generated). Codes are 6 digits: province XX0000, prefecture XXYY00, county
 * XXYYZZ; a 12-digit code (implementation codes) adds township and village digits.
 */
export interface RegionNode {
  code: string
  name: string
  children?: RegionNode[]
}

let byCode: Map<string, string> | undefined
let tree: RegionNode[] | undefined

function names(): Map<string, string> {
  byCode ??= new Map(REGION_DATA.split('|').map((e) => [e.slice(0, 6), e.slice(6)]))
  return byCode
}

/** Provinces whose county-level divisions the data carries (a county elsewhere cannot be checked). */
const withCounties = (): Set<string> => new Set([...names().keys()].filter((c) => !c.endsWith('00')).map((c) => c.slice(0, 2)))

const parentOf = (code: string): string | undefined => {
  if (code.endsWith('0000')) return undefined
  if (code.endsWith('00')) return `${code.slice(0, 2)}0000`
  const city = `${code.slice(0, 4)}00`
  return names().has(city) ? city : `${code.slice(0, 2)}0000`
}

/** The tree: provinces → prefectures → counties (where carried), in code order. */
export function regionTree(): RegionNode[] {
  if (tree) return tree
  const nodes = new Map<string, RegionNode>()
  for (const [code, name] of names()) nodes.set(code, { code, name })
  const roots: RegionNode[] = []
  for (const node of nodes.values()) {
    const parent = parentOf(node.code)
    const p = parent ? nodes.get(parent) : undefined
    if (p) (p.children ??= []).push(node)
    else roots.push(node)
  }
  tree = roots
  return tree
}

/** The name of a 6-digit code, or undefined. */
export function regionName(code: string): string | undefined {
  return names().get(code)
}

/**
 * Whether `values` is a path the cascader can produce: a known province, then (optionally) one of
 * its prefectures, then (optionally) one of that prefecture's counties.
 */
export function isRegionPath(values: readonly unknown[]): boolean {
  if (values.length === 0 || values.length > 3) return false
  let parent: string | undefined
  for (const v of values) {
    if (typeof v !== 'string' || !names().has(v)) return false
    if (parentOf(v) !== parent) return false
    parent = v
  }
  return true
}

export type RegionCheck = { ok: true; names: string[] } | { ok: false; reason: 'shape' | 'province' | 'prefecture' | 'county'; names: string[] }

/**
 * Checks the division part of a 6- or 12-digit region code: the province must exist, the
 * prefecture (when not 00) must exist, and the county (when not 00) must exist where the data
 * carries that province's counties. `names` are the known levels, for display (四川省 成都市 武侯区).
 */
export function checkRegionCode(code: string): RegionCheck {
  if (!/^\d{6}(\d{6})?$/.test(code)) return { ok: false, reason: 'shape', names: [] }
  const n = names()
  const out: string[] = []
  const province = `${code.slice(0, 2)}0000`
  if (!n.has(province)) return { ok: false, reason: 'province', names: out }
  out.push(n.get(province) as string)
  if (code.slice(2, 4) !== '00') {
    const city = `${code.slice(0, 4)}00`
    if (!n.has(city)) return { ok: false, reason: 'prefecture', names: out }
    out.push(n.get(city) as string)
  }
  if (code.slice(4, 6) !== '00') {
    const county = code.slice(0, 6)
    if (n.has(county)) out.push(n.get(county) as string)
    else if (withCounties().has(code.slice(0, 2))) return { ok: false, reason: 'county', names: out }
  }
  return { ok: true, names: out }
}
