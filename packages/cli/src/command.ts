export interface CommandResult {
  code: number
  stdout?: string
  stderr?: string
}

export type Command = (args: string[], locale: 'zh' | 'en') => Promise<CommandResult>
