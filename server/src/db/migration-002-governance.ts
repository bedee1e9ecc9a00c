import type { Migration } from './migrations'

/**
 * Catalog governance needs no tables beyond items and item_versions (001). Kept as an empty step
 * so databases that already recorded it stay consistent.
 */
export const governance: Migration = {
  name: '20261122-002-governance',
  async up() {},
  async down() {},
}
