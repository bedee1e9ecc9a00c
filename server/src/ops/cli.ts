/**
 * Operator commands: `pnpm ops <command>` (server/README.md, "Backup, restore and retention").
 * The database is the server's: DATABASE_URL (PostgreSQL) or SUNLIGHT_DB (SQLite, default
 * data/sunlight.sqlite).
 *
 *   backup <file>                         online backup (SQLite VACUUM INTO / pg_dump -Fc)
 *   restore <file> [--force]              restore into SUNLIGHT_DB (server stopped) / the empty DATABASE_URL
 *   archive --years N --out <dir> [--batch 200]   archive cases concluded more than N (≥ 3) years ago
 *   verify-archive <file|dir>             check archive files: trailer, every case's hash chain
 */
import { fileURLToPath } from 'node:url'
import { createDb } from '../db/knex'
import { migrateLatest } from '../db/migrations'
import { backupPostgres, backupSqlite, restorePostgres, restoreSqlite } from './backup'
import { archiveConcluded, checkYears, verifyArchives } from './retention'

const root = fileURLToPath(new URL('../../../', import.meta.url))

export async function runOps(argv: string[], env: NodeJS.ProcessEnv = process.env, out: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): Promise<number> {
  const [cmd, ...args] = argv
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 ? args[i + 1] : undefined
  }
  const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
  const pg = env.DATABASE_URL?.startsWith('postgres') ? env.DATABASE_URL : undefined
  const sqliteFile = env.SUNLIGHT_DB ?? `${root}data/sunlight.sqlite`
  const kb = (n: number) => `${Math.round(n / 1024)} KB`
  switch (cmd) {
    case 'backup': {
      const file = positional[0]
      if (!file) return usage(out)
      if (pg) {
        const r = await backupPostgres(pg, file)
        out(`pg_dump of ${new URL(pg).pathname.slice(1)} → ${r.file} (${kb(r.bytes)}, ${Math.round(r.ms)} ms); restore: DATABASE_URL=<empty database> pnpm ops restore ${r.file}`)
      } else {
        const db = createDb({ sqliteFile })
        try {
          const r = await backupSqlite(db.knex, file)
          out(`SQLite ${sqliteFile} → ${r.file} (${kb(r.bytes)}, ${Math.round(r.ms)} ms, integrity ok); restore: stop the server, pnpm ops restore ${r.file} --force`)
        } finally {
          await db.close()
        }
      }
      return 0
    }
    case 'restore': {
      const file = positional[0]
      if (!file) return usage(out)
      const r = pg ? await restorePostgres(pg, file) : await restoreSqlite(file, sqliteFile, { force: args.includes('--force') })
      out(`restored ${file} into ${pg ? 'DATABASE_URL' : r.file} (${Math.round(r.ms)} ms)`)
      return 0
    }
    case 'archive': {
      const years = Number(flag('years'))
      const outDir = flag('out')
      if (!outDir || !flag('years')) return usage(out)
      checkYears(years) // before opening anything
      const db = createDb({ databaseUrl: pg, sqliteFile })
      try {
        await migrateLatest(db.knex)
        const r = await archiveConcluded(db, { years, outDir, batch: flag('batch') ? Number(flag('batch')) : undefined, now: Date.now() })
        out(`archived ${r.cases} cases (${r.events} events) concluded before ${new Date(r.cutoff).toISOString()} into ${r.files.length} file(s) in ${outDir}`)
        for (const f of r.files) out(`  ${f}`)
      } finally {
        await db.close()
      }
      return 0
    }
    case 'verify-archive': {
      const path = positional[0]
      if (!path) return usage(out)
      const { verdicts, duplicates } = verifyArchives(path)
      let bad = 0
      for (const v of verdicts) {
        out(`${v.problems.length ? 'BROKEN' : 'ok    '} ${v.file}: ${v.cases} cases, ${v.events} events`)
        for (const p of v.problems) out(`    ${p}`)
        if (v.problems.length) bad++
      }
      if (duplicates.length) out(`note: ${duplicates.length} case(s) appear in more than one file (an archive run stopped between writing and committing)`)
      out(`${verdicts.length} file(s), ${bad} broken`)
      return bad ? 1 : 0
    }
    default:
      return usage(out)
  }
}

function usage(out: (s: string) => void): number {
  out(
    [
      'usage: pnpm ops <command>',
      '  backup <file>                               online backup (SQLite VACUUM INTO, PostgreSQL pg_dump -Fc)',
      '  restore <file> [--force]                    SQLite: into SUNLIGHT_DB, server stopped; PostgreSQL: into the empty DATABASE_URL',
      '  archive --years N --out <dir> [--batch 200] archive cases concluded more than N (≥ 3) years ago, then remove them',
      '  verify-archive <file|dir>                   check archive files and every archived hash chain',
    ].join('\n'),
  )
  return 2
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runOps(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).message}\n`)
      process.exit(1)
    },
  )
}
