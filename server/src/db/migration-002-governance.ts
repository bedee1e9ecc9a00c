import type { Migration } from './migrations'

/** Tables for catalog governance (change requests, reviews). Nothing yet: this part's tables are added here when it needs them. */
export const governance: Migration = {
  name: '20261122-002-governance',
  async up() {},
  async down() {},
}
