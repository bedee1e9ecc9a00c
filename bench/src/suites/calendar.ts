import { createCalendar, officialSchedule, type Calendar, type Pause } from '@sunlight/calendar'
import { progress, ratioOf, type Metric, type SuiteResult } from '../report'

const DAY = 86_400_000
const CHINA = 8 * 3_600_000
/** Inputs start between 2020-01-01 and 2026-06-30 China time; n ≤ 60 working days keeps every result inside 2026. */
const FROM_LO = Date.UTC(2020, 0, 1) - CHINA
const FROM_HI = Date.UTC(2026, 5, 30) - CHINA
const MAX_N = 60
const ROUNDS = 5
const GOAL = 5_000_000

const scale = Number(process.env.BENCH_SCALE ?? '1')
const sized = (n: number) => Math.max(1000, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)))

/** mulberry32: a small deterministic PRNG, so every run adds the same dates. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Inputs {
  from: Float64Array
  n: Int32Array
  /** One pause per input, or none at all (plain additions). */
  pauses: Pause[][]
}

function makeInputs(size: number, seed: number, withPauses: boolean): Inputs {
  const rnd = prng(seed)
  const from = new Float64Array(size)
  const n = new Int32Array(size)
  const pauses: Pause[][] = []
  for (let i = 0; i < size; i++) {
    const f = FROM_LO + Math.floor(rnd() * (FROM_HI - FROM_LO))
    from[i] = f
    n[i] = 1 + Math.floor(rnd() * MAX_N)
    if (!withPauses) continue
    // One closed pause (a 补正 or special procedure) of 1–14 days, starting 0–20 days after `from`.
    const start = f + Math.floor(rnd() * 20) * DAY + 3_600_000
    pauses.push([{ from: start, to: start + (1 + Math.floor(rnd() * 14)) * DAY }])
  }
  return { from, n, pauses }
}

/** Folds a deadline into a 32-bit checksum (minutes since epoch fit easily), so no call can be dropped. */
const fold = (chk: number, r: number) => (Math.imul(chk, 31) + ((r / 60_000) | 0)) | 0

function addLoop(cal: Calendar, inp: Inputs): number {
  let chk = 0
  const { from, n } = inp
  for (let i = 0; i < from.length; i++) chk = fold(chk, cal.addWorkdays(from[i] as number, n[i] as number))
  return chk
}

function deadlineLoop(cal: Calendar, inp: Inputs): number {
  let chk = 0
  const { from, n, pauses } = inp
  for (let i = 0; i < from.length; i++)
    chk = fold(chk, cal.deadline(from[i] as number, { value: n[i] as number, unit: 'workdays' }, pauses[i] as Pause[]))
  return chk
}

/** Runs `loop` over the inputs ROUNDS times; returns calls per second and the checksum of the last round. */
function measure(label: string, loop: () => number, calls: number): { perSecond: number; checksum: number } {
  let ms = 0
  let checksum = 0
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now()
    const c = loop()
    const d = performance.now() - t0
    if (r > 0 && c !== checksum) throw new Error(`${label}: checksum changed between rounds (${checksum} → ${c})`)
    checksum = c
    ms += d
    progress('calendar', `${label} round ${r + 1}/${ROUNDS}: ${calls} calls in ${d.toFixed(1)} ms`)
  }
  const perSecond = (calls * ROUNDS) / (ms / 1000)
  if (!Number.isFinite(perSecond) || perSecond <= 0) throw new Error(`${label}: bad rate ${perSecond}`)
  return { perSecond, checksum }
}

type FindWorkday = (deltaDays?: number, date?: string) => string

/** chinese-days, if this package can resolve it (it is a devDependency of packages/calendar only). */
async function loadChineseDays(): Promise<{ findWorkday: FindWorkday; version: string } | { error: string }> {
  const specifier = 'chinese-days'
  try {
    const mod = (await import(specifier)) as { findWorkday?: FindWorkday; default?: { findWorkday?: FindWorkday } }
    const findWorkday = mod.findWorkday ?? mod.default?.findWorkday
    if (typeof findWorkday !== 'function') return { error: 'chinese-days has no findWorkday export' }
    return { findWorkday, version: 'chinese-days' }
  } catch (e) {
    return { error: e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e) }
  }
}

export async function calendarSuite(): Promise<SuiteResult> {
  const name = 'calendar'
  const cal = createCalendar(officialSchedule)
  const addCount = sized(2_000_000)
  const deadlineCount = sized(200_000)
  const add = makeInputs(addCount, 20260101, false)
  const dl = makeInputs(deadlineCount, 20200101, true)
  progress(name, `inputs: ${addCount} addWorkdays, ${deadlineCount} deadline-with-one-pause, from 2020-01-01…2026-06-30, n 1…${MAX_N}`)

  // Warm-up: one pass each (also proves every input lies inside the calendar).
  addLoop(cal, add)
  deadlineLoop(cal, dl)
  const adds = measure('addWorkdays', () => addLoop(cal, add), addCount)
  const deadlines = measure('deadline+pause', () => deadlineLoop(cal, dl), deadlineCount)

  const notes: string[] = [`checksums: addWorkdays ${adds.checksum}, deadline ${deadlines.checksum} (stable across rounds)`]
  let peer: number | null = null
  let peerName: string | null = null
  let peerCount = 0
  const cd = await loadChineseDays()
  if ('error' in cd) {
    notes.push(`peer chinese-days skipped: not resolvable from bench (${cd.error}); it is a devDependency of packages/calendar only and bench adds no dependencies`)
    progress(name, 'peer chinese-days not resolvable from bench: skipped')
  } else {
    // The same additions as day strings; findWorkday(n, day) = the n-th working day after day.
    peerCount = Math.min(addCount, sized(20_000))
    const days = Array.from({ length: peerCount }, (_, i) => cal.dayOf(add.from[i] as number))
    const checked = Math.min(peerCount, 2000)
    let disagreements = 0
    for (let i = 0; i < checked; i++) {
      const ours = cal.dueDay(cal.addWorkdays(add.from[i] as number, add.n[i] as number))
      const theirs = cd.findWorkday(add.n[i] as number, days[i] as string)
      if (ours !== theirs && ++disagreements <= 5)
        notes.push(`peer disagrees: ${days[i] ?? ''} + ${add.n[i] ?? 0} workdays: ours ${ours}, chinese-days ${theirs}`)
    }
    notes.push(`cross-check: chinese-days agreed with ours on ${checked - disagreements} of the first ${checked} additions (it also served as the peer's warm-up)`)
    const m = measure('chinese-days findWorkday', () => {
      let chk = 0
      for (let i = 0; i < peerCount; i++) chk = (Math.imul(chk, 31) + cd.findWorkday(add.n[i] as number, days[i] as string).charCodeAt(9)) | 0
      return chk
    }, peerCount)
    peer = m.perSecond
    peerName = `${cd.version} findWorkday(n, 'YYYY-MM-DD')`
  }

  const addRatio = ratioOf(adds.perSecond, peer)
  const metrics: Metric[] = [
    { name: 'addWorkdays_per_s', ours: adds.perSecond, peer, peerName, ratio: addRatio, unit: 'adds/s', goal: '≥5 M/s', met: adds.perSecond >= GOAL },
    { name: 'deadline_1pause_per_s', ours: deadlines.perSecond, peer: null, peerName: null, ratio: null, unit: 'calls/s', goal: null, met: null },
  ]
  if (adds.perSecond < GOAL) notes.push(`GOAL NOT MET: addWorkdays ${(adds.perSecond / 1e6).toFixed(2)} M/s < 5 M/s`)
  return {
    name,
    settings: {
      addWorkdaysCalls: addCount,
      deadlineCalls: deadlineCount,
      rounds: ROUNDS,
      fromRange: '2020-01-01…2026-06-30 (China time, uniform)',
      nRange: `1…${MAX_N} working days`,
      pause: 'one closed pause per deadline call, 1–14 days, starting 0–20 days after from',
      peerCalls: peerCount,
      scale,
    },
    metrics,
    notes,
  }
}
