import type { Command, CommandResult } from './command'
import { schemaCommand } from './commands/schema'
import { deadlineCommand } from './commands/deadline'
import { simulateCommand } from './commands/simulate'
import { validateCommand } from './commands/validate'

const commands: Record<string, { run: Command; help: string }> = {
  validate: { run: validateCommand, help: 'validate <file|dir>…   check power-item definitions; exit 1 if any is invalid' },
  deadline: { run: deadlineCommand, help: 'deadline <start> <N> <workdays|days>  last day of a time limit (ends 24:00 China time)' },
  simulate: { run: simulateCommand, help: 'simulate <definition.json> <script.json>  run a scripted case and print its timeline' },
  schema: { run: schemaCommand, help: 'schema [out.json]        write the definition JSON Schema for editors' },
}

export function registerCommand(name: string, run: Command, help: string): void {
  commands[name] = { run, help }
}

/** Runs one CLI command; pure of process state except what commands read (files, cwd). */
export async function runCli(argv: string[], locale: 'zh' | 'en' = 'en'): Promise<CommandResult> {
  const [name, ...args] = argv
  const cmd = name ? commands[name] : undefined
  if (!cmd) {
    const usage = ['usage: pnpm sunlight <command> [args]', '', ...Object.values(commands).map((c) => `  ${c.help}`)].join('\n')
    return { code: name && name !== 'help' && name !== '--help' ? 2 : 0, stdout: usage + '\n' }
  }
  return cmd.run(args, locale)
}
