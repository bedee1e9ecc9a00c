export { runCli, registerCommand } from './run'
export type { Command, CommandResult } from './command'
