import { relative } from 'node:path'
import { formatTable, machine, progress, writeResult, writeSummary, type SuiteResult } from './report'
import { calendarSuite } from './suites/calendar'
import { designerSuite } from './suites/designer'
import { hallSuite } from './suites/hall'
import { engineSuite } from './suites/engine'
import { serverSuite } from './suites/server'
import { supervisionSuite } from './suites/supervision'

/** Known suites, in the order `pnpm bench` with no argument runs them. */
const suites: Record<string, () => Promise<SuiteResult>> = {
  engine: engineSuite,
  calendar: calendarSuite,
  server: serverSuite,
  designer: designerSuite,
  hall: hallSuite,
  supervision: supervisionSuite,
}

function usage(): string {
  return [
    'usage: pnpm bench [suite …]',
    `  suites: ${Object.keys(suites).join(', ')} (none given = all)`,
    '  env BENCH_SCALE=0.2 shrinks every workload (quick smoke run); default 1',
    '  results: bench/results/<suite>.json and bench/results/summary.md',
  ].join('\n')
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(usage())
    return 0
  }
  const unknown = argv.filter((a) => !(a in suites))
  if (unknown.length) {
    console.error(`unknown suite: ${unknown.join(', ')}\n${usage()}`)
    return 2
  }
  const names = argv.length ? [...new Set(argv)] : Object.keys(suites)
  const m = machine()
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.platform}`)
  const tables: string[] = []
  for (const name of names) {
    const run = suites[name]
    if (!run) continue
    progress(name, 'start')
    const result = await run()
    const path = writeResult(result)
    progress(name, `done, wrote ${relative(process.cwd(), path)}`)
    const table = formatTable(result)
    console.log(`\n${table}\n`)
    tables.push(table)
  }
  const summary = writeSummary()
  if (tables.length > 1) console.log(`\n${tables.join('\n\n')}\n`)
  console.log(`summary: ${relative(process.cwd(), summary)}`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e)
    process.exit(1)
  },
)
