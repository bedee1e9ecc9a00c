import type { Deps } from '../deps'

/** Appends to the audit log (logins, calendar changes, reviews…). Never updated, never deleted. */
export async function audit(
  deps: Deps,
  entry: { actorId?: string | null; action: string; target?: string; ip?: string; success: boolean; details?: Record<string, unknown> },
): Promise<void> {
  await deps.db.knex('audit_log').insert({
    at: deps.now(),
    actor_id: entry.actorId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    success: entry.success,
    details: JSON.stringify(entry.details ?? {}),
  })
}
