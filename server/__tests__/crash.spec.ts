import { describe, expect, it } from 'vitest'
import { runCrashLoop } from './crash-loop'
import { testPg } from './harness'

/**
 * SIGKILL under load, on SQLite (WAL, synchronous=FULL): see crash-loop.ts for what is checked.
 * SUNLIGHT_CRASH_KILLS sets the number of kills (default 20, as the issue asks); `pnpm test:crash`
 * runs the same loop from the command line, where EVERY restart must answer within 2 s. Here the
 * suite's other files run beside it on the same cores (start-up is CPU-bound module loading: about
 * 0.5 s of CPU; 0.5 s of wall time on an idle machine, 1.5–5 s when the 2 cores are shared
 * eight ways), so the spec holds the median restart to 2 s, the CPU a restart needs to answer to
 * 1 s (Linux), and every single restart to 10 s (a hang or a slow recovery). PostgreSQL's
 * durability is PostgreSQL's own, so the PostgreSQL run of the server suite skips this file.
 */
const KILLS = Number(process.env.SUNLIGHT_CRASH_KILLS ?? 20)

describe.skipIf(!!testPg)('server/crash: SIGKILL at random moments under load (SQLite, synchronous=FULL)', () => {
  it(`should lose no acknowledged command, half-write no case, keep every chain and serve again within 2 s (median), ${KILLS} kills`, { timeout: 300_000 }, async () => {
    const r = await runCrashLoop({ kills: KILLS, restartLimitMs: 10_000 })
    const sorted = [...r.restartsMs].sort((a, b) => a - b)
    const cpu = [...r.restartsCpuMs].sort((a, b) => a - b)
    console.info(
      `[crash] ${r.kills} kills, ${r.inFlightAtKill} requests cut, ${r.acknowledged} acknowledged commands, ${r.cases} cases, ${r.events} events; restart to /api/health median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms, CPU to first answer median ${cpu[Math.floor(cpu.length / 2)] ?? '?'} ms; ${Math.round(r.totalMs / 1000)} s`,
    )
    expect(r.problems).toEqual([])
    expect(r.kills).toBe(KILLS)
    expect(r.acknowledged).toBeGreaterThan(KILLS)
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(2000)
    if (cpu.length) expect(cpu[Math.floor(cpu.length / 2)]).toBeLessThanOrEqual(1000)
  })
})
