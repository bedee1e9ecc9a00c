import type { Migration } from './migrations'

/**
 * Legal documents (法律文书). One row per issued document, never edited after issue except that a
 * reissue marks the row it replaces as superseded (and the PDF bytes are filled in once, right after
 * the issuing transaction). Numbers: `(department_id, year, kind, seq)` is unique, so two documents
 * can never share a number even if the counter were bypassed; `(case_id, template_id, event_seq,
 * revision)` is unique, so two concurrent issues of one document for one act cannot both succeed.
 */
export const documents: Migration = {
  name: '20261122-003-documents',
  async up(k) {
    await k.schema.createTable('documents', (t) => {
      t.string('id', 64).primary()
      t.string('case_id', 64).notNullable().references('id').inTable('cases')
      t.string('item_key', 80).notNullable()
      t.integer('item_version').notNullable()
      t.string('template_id', 64).notNullable()
      t.string('kind', 64).notNullable()
      t.string('title', 200).notNullable()
      t.string('doc_no', 200).notNullable()
      t.string('department_id', 64).notNullable()
      t.integer('year').notNullable()
      t.integer('seq').notNullable()
      /** The case event (its seq) the document records: the acceptance, the refusal, the step completion… */
      t.integer('event_seq').notNullable()
      /** 1 for the first issue, 2… for reissues of the same document. */
      t.integer('revision').notNullable()
      t.boolean('to_applicant').notNullable()
      t.bigInteger('issued_at').notNullable()
      t.string('issued_by', 64).notNullable()
      t.string('issued_by_name', 100).notNullable()
      /** The rendered content (title, number, paragraphs, signature) as JSON: the PDF is rendered from it. */
      t.text('content').notNullable()
      t.text('html').notNullable()
      t.binary('pdf')
      t.string('superseded_by', 64)
      t.bigInteger('superseded_at')
      t.text('reissue_reason')
      t.unique(['department_id', 'year', 'kind', 'seq'])
      t.unique(['case_id', 'template_id', 'event_seq', 'revision'])
      t.index(['case_id'])
    })
  },
  async down(k) {
    await k.schema.dropTableIfExists('documents')
  },
}
