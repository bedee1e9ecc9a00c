import { readFile } from 'node:fs/promises'
import { createCalendar, officialSchedule } from '@sunlight/calendar'
import { parseDefinition } from '@sunlight/definition'
import { simulate, type SimulationScript } from '@sunlight/engine'
import type { CommandResult } from '../command'

const LEVEL_ZH: Record<string, string> = { normal: '正常', warning: '预警', yellow: '黄牌', red: '红牌' }

async function readJson(file: string, what: string): Promise<{ value?: unknown; error?: string }> {
  try {
    return { value: JSON.parse(await readFile(file, 'utf8')) }
  } catch (e) {
    return { error: `${what} ${file}: ${(e as Error).message}` }
  }
}

/** `sunlight simulate <definition.json> <script.json>`: the timeline of a scripted case. */
export async function simulateCommand(args: string[], locale: 'zh' | 'en'): Promise<CommandResult> {
  if (args.length !== 2) return { code: 2, stderr: 'usage: sunlight simulate <definition.json> <script.json>\n' }
  const def = await readJson(args[0] as string, 'definition')
  const script = await readJson(args[1] as string, 'script')
  if (def.error || script.error) return { code: 2, stderr: `${def.error ?? script.error}\n` }
  const parsed = parseDefinition(def.value)
  if (!parsed.definition) {
    const lines = parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => `  ${d.path}  ${d.code}  ${d.message}`)
    return { code: 1, stderr: `definition is invalid:\n${lines.join('\n')}\n` }
  }
  const s = script.value as SimulationScript
  if (!s || typeof s !== 'object' || !Array.isArray(s.steps) || typeof s.actors !== 'object')
    return { code: 2, stderr: 'script: expected { "actors": { id: actor }, "steps": [ { "at", "actor", "command" } | { "at", "tick": true } ] }\n' }
  let result
  try {
    result = simulate(parsed.definition, s, createCalendar(officialSchedule))
  } catch (e) {
    return { code: 2, stderr: `script: ${(e as Error).message}\n` }
  }
  const out: string[] = [`${parsed.definition.item.name} (${parsed.definition.key} v${parsed.definition.version})`, '']
  for (const e of result.entries) {
    const head = e.outcome === 'refused' ? `REFUSED ${e.refusal?.code}: ${locale === 'zh' ? e.refusal?.messageZh : e.refusal?.message}` : e.outcome
    out.push(`${e.at}  ${e.label}  — ${head}`)
    for (const ev of e.events) out.push(`    #${ev.seq} ${ev.type}${ev.node ? ` @${ev.node}` : ''}${ev.detail ? `  ${ev.detail.replace(/\n/g, ' ')}` : ''}`)
    if (e.status) out.push(`    status ${e.status}; open ${e.tasks.join(', ') || '—'}; case level ${e.level} ${LEVEL_ZH[e.level] ?? ''}; step level ${e.stepLevel}`)
    for (const c of e.clocks)
      out.push(
        `    clock ${c.kind}${c.node ? ` ${c.node}` : ''}: due ${c.due ?? '?'}${c.paused ? ' (paused)' : ''}, ${c.level}${c.nextLevel ? `, ${c.nextLevel}` : ''}${c.unknownCalendarDay ? `, calendar unknown for ${c.unknownCalendarDay}` : ''}`,
      )
    for (const w of e.warnings) out.push(`    ⚑ ${w.level} ${w.point}: ${w.message}`)
  }
  out.push('', `${result.events.length} events; final status ${result.state?.status ?? '—'}${result.state?.result ? ` (${result.state.result})` : ''}`)
  return { code: 0, stdout: out.join('\n') + '\n' }
}
