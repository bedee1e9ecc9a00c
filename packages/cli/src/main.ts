import { runCli } from './run'

// `pnpm sunlight <command>` runs from the workspace root; INIT_CWD keeps paths relative to where the user typed it.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD)
const locale = (process.env.SUNLIGHT_LANG ?? process.env.LANG ?? '').startsWith('zh') ? 'zh' : 'en'
const result = await runCli(process.argv.slice(2), locale)
if (result.stdout) process.stdout.write(result.stdout)
if (result.stderr) process.stderr.write(result.stderr)
process.exitCode = result.code
