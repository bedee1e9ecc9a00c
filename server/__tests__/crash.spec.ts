import { describe, expect, it } from 'vitest'
import { runCrashLoop } from './crash-loop'
import { testPg } from './harness'

/**
 * SIGKILL under load, on SQLite (WAL, synchronous=FULL): see crash-loop.ts for what is checked.
 * SUNLIGHT_CRASH_KILLS sets the number of kills (default 20, as the issue asks); `pnpm test:crash`
 * runs the same loop from the command line. Every restart must answer /api/health within 2 s, as
 * the issue asks, even here beside the suite's other files (start-up is CPU-bound module loading,
 * about 0.5 s of CPU; restarts measured 0.35–0.96 s in full-suite runs on 2 cores; only with the
 * cores shared eight ways by other work did single restarts reach 2–5 s), and the CPU a restart
 * needs to answer stays under 1 s (Linux). PostgreSQL's durability is PostgreSQL's own, so the
 * PostgreSQL run of the server suite skips this file.
 */
const KILLS = Number(process.env.SUNLIGHT_CRASH_KILLS ?? 20)

describe.skipIf(!!testPg)('server/crash: SIGKILL at random moments under load (SQLite, synchronous=FULL)', () => {
  it(`should lose no acknowledged command, half-write no case, keep every chain and serve again within 2 s after every kill, ${KILLS} kills`, { timeout: 300_000 }, async () => {
    const r = await runCrashLoop({ kills: KILLS, restartLimitMs: 10_000 })
    const sorted = [...r.restartsMs].sort((a, b) => a - b)
    const cpu = [...r.restartsCpuMs].sort((a, b) => a - b)
    console.info(
      `[crash] ${r.kills} kills, ${r.inFlightAtKill} requests cut, ${r.acknowledged} acknowledged commands, ${r.cases} cases, ${r.events} events; restart to /api/health median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms, CPU to first answer median ${cpu[Math.floor(cpu.length / 2)] ?? '?'} ms; ${Math.round(r.totalMs / 1000)} s`,
    )
    expect(r.problems).toEqual([])
    expect(r.kills).toBe(KILLS)
    expect(r.acknowledged).toBeGreaterThan(KILLS)
    expect(sorted.at(-1)).toBeLessThanOrEqual(2000)
    if (cpu.length) expect(cpu[Math.floor(cpu.length / 2)]).toBeLessThanOrEqual(1000)
  })
})
