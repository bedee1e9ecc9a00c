import type { Migration } from './migrations'

/** Applicants who sign up: their cases are linked to their account ("my cases" in the hall). */
export const applicants: Migration = {
  name: '20261122-006-applicants',
  async up(k) {
    await k.schema.alterTable('cases', (t) => {
      t.string('applicant_user_id', 64)
      t.index(['applicant_user_id'])
    })
  },
  async down(k) {
    await k.schema.alterTable('cases', (t) => {
      t.dropIndex(['applicant_user_id'])
      t.dropColumn('applicant_user_id')
    })
  },
}
