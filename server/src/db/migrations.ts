import type { Knex } from 'knex'
import { applicants } from './migration-006-applicants'
import { documents } from './migration-003-documents'
import { governance } from './migration-002-governance'
import { hall } from './migration-005-hall'
import { operations } from './migration-004-operations'
import { supervision } from './migration-007-supervision'
// 010: publication on a future effective date
import { scheduledVersions } from './migration-010-scheduled-versions'
// 012: cases a staff member follows (the workbench's watched list)
import { caseWatches } from './migration-012-case-watches'
import { caseCardLevels } from './migration-011-case-card-levels'

export interface Migration {
  name: string
  up(k: Knex): Promise<void>
  down(k: Knex): Promise<void>
}

/** JSON is stored as text on both databases; repositories parse it. */
const json = (t: Knex.CreateTableBuilder, name: string) => t.text(name)

const m001: Migration = {
  name: '20261122-001-foundation',
  async up(k) {
    await k.schema.createTable('departments', (t) => {
      t.string('id', 64).primary()
      t.string('parent_id', 64).references('id').inTable('departments')
      t.string('name', 200).notNullable()
      t.string('level', 16).notNullable() // province | city | county | unit
      t.string('credit_code', 18)
      t.string('region_code', 12)
    })
    await k.schema.createTable('users', (t) => {
      t.string('id', 64).primary()
      t.string('username', 64).notNullable().unique()
      t.string('name', 100).notNullable()
      t.string('password_hash', 100).notNullable()
      t.string('department_id', 64).references('id').inTable('departments')
      json(t, 'roles')
      json(t, 'posts')
      t.boolean('must_change_password').notNullable().defaultTo(false)
      t.integer('failed_logins').notNullable().defaultTo(0)
      t.bigInteger('locked_until')
      t.bigInteger('created_at').notNullable()
    })
    await k.schema.createTable('sessions', (t) => {
      t.string('id_hash', 64).primary()
      t.string('user_id', 64).notNullable().references('id').inTable('users')
      t.string('csrf_token', 64).notNullable()
      t.bigInteger('created_at').notNullable()
      t.bigInteger('expires_at').notNullable()
      t.bigInteger('last_seen_at').notNullable()
    })
    await k.schema.createTable('audit_log', (t) => {
      t.increments('id')
      t.bigInteger('at').notNullable()
      t.string('actor_id', 64)
      t.string('action', 64).notNullable()
      t.string('target', 200)
      t.string('ip', 64)
      t.boolean('success').notNullable()
      json(t, 'details')
      t.index(['action', 'at'])
    })
    await k.schema.createTable('items', (t) => {
      t.string('key', 80).primary()
      t.string('department_id', 64).notNullable().references('id').inTable('departments')
      t.string('name', 200).notNullable()
      t.string('category', 8).notNullable()
      t.string('status', 16).notNullable() // draft | inReview | published | cancelled
      t.integer('published_version')
      t.bigInteger('created_at').notNullable()
      t.bigInteger('updated_at').notNullable()
    })
    await k.schema.createTable('item_versions', (t) => {
      t.string('item_key', 80).notNullable().references('key').inTable('items')
      t.integer('version').notNullable()
      t.string('status', 16).notNullable() // draft | submitted | rejected | published | superseded | cancelled
      json(t, 'definition')
      json(t, 'change_request')
      json(t, 'review')
      t.string('effective_date', 10)
      t.string('created_by', 64)
      t.bigInteger('created_at').notNullable()
      t.bigInteger('updated_at').notNullable()
      t.primary(['item_key', 'version'])
    })
    await k.schema.createTable('cases', (t) => {
      t.string('id', 64).primary()
      t.string('case_no', 50).notNullable().unique()
      t.string('query_code_hash', 100)
      t.string('item_key', 80).notNullable()
      t.integer('item_version').notNullable()
      t.string('department_id', 64).notNullable()
      t.string('status', 24).notNullable()
      t.string('level', 8).notNullable().defaultTo('normal')
      t.string('applicant_name', 200)
      json(t, 'posts') // open tasks' posts, for todo queries
      json(t, 'state')
      t.integer('version').notNullable() // optimistic concurrency: = number of events
      t.bigInteger('next_check_at')
      t.bigInteger('created_at').notNullable()
      t.bigInteger('updated_at').notNullable()
      t.bigInteger('concluded_at')
      t.index(['department_id', 'status'])
      t.index(['next_check_at'])
    })
    await k.schema.createTable('case_events', (t) => {
      t.string('case_id', 64).notNullable().references('id').inTable('cases')
      t.integer('seq').notNullable()
      t.string('type', 40).notNullable()
      t.bigInteger('at').notNullable()
      t.string('actor_id', 64)
      json(t, 'event')
      t.string('hash', 64).notNullable()
      t.primary(['case_id', 'seq'])
    })
    await k.schema.createTable('idempotency_keys', (t) => {
      t.string('key', 100).primary()
      t.string('case_id', 64)
      t.integer('status').notNullable()
      json(t, 'response')
      t.bigInteger('created_at').notNullable()
    })
    await k.schema.createTable('case_acts', (t) => {
      // one row per case an actor worked on: "done" lists
      t.string('case_id', 64).notNullable()
      t.string('user_id', 64).notNullable()
      t.bigInteger('at').notNullable()
      t.primary(['case_id', 'user_id'])
    })
    await k.schema.createTable('outbox', (t) => {
      t.increments('id')
      t.string('case_id', 64).notNullable()
      t.integer('seq').notNullable()
      t.string('type', 40).notNullable()
      t.string('department_id', 64).notNullable()
      json(t, 'payload')
      t.bigInteger('created_at').notNullable()
      t.unique(['case_id', 'seq'])
    })
    await k.schema.createTable('scheduler_leases', (t) => {
      t.string('name', 64).primary()
      t.string('owner', 100).notNullable()
      t.bigInteger('expires_at').notNullable()
    })
    await k.schema.createTable('calendar_entries', (t) => {
      t.string('date', 10).primary()
      t.string('kind', 16).notNullable()
      t.string('name', 50).notNullable()
      t.string('source', 200)
    })
    await k.schema.createTable('counters', (t) => {
      // gap-free sequences: case numbers per day, document numbers per department × year × kind
      t.string('scope', 150).primary()
      t.integer('value').notNullable()
    })
    await k.schema.createTable('settings', (t) => {
      t.string('key', 64).primary()
      json(t, 'value')
    })
  },
  async down(k) {
    for (const table of ['settings', 'counters', 'calendar_entries', 'scheduler_leases', 'outbox', 'case_acts', 'idempotency_keys', 'case_events', 'cases', 'item_versions', 'items', 'audit_log', 'sessions', 'users', 'departments'])
      await k.schema.dropTableIfExists(table)
  },
}

// Later parts of the server add their tables in their own files, listed here in order.
export const migrations: readonly Migration[] = [m001, governance, documents, operations, hall, applicants, supervision, scheduledVersions, caseCardLevels, caseWatches]

/** Runs every migration not yet applied (knex's own bookkeeping tables). */
export async function migrateLatest(k: Knex): Promise<string[]> {
  const source: Knex.MigrationSource<Migration> = {
    getMigrations: async () => [...migrations],
    getMigrationName: (m) => m.name,
    getMigration: async (m) => ({ up: m.up, down: m.down }),
  }
  const [, applied] = (await k.migrate.latest({ migrationSource: source })) as [number, string[]]
  return applied
}
