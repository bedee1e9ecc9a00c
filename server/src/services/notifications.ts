import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'

/** In-app notifications (cards issued to the unit, 督办 orders): written by supervision-cards.ts, read here by their addressee only. */

interface Row {
  id: number
  kind: string
  title: string
  body: string
  card_id: string | null
  case_id: string | null
  created_at: number | string
  read_at: number | string | null
}

export async function listNotifications(deps: Deps, user: User, q: { unread?: boolean; page: number; pageSize: number }) {
  const k = deps.db.knex
  const base = k('notifications').where({ user_id: user.id })
  const list = base.clone()
  if (q.unread) list.whereNull('read_at')
  const total = Number(((await list.clone().count({ n: '*' }).first()) as { n: number | string }).n)
  const unread = Number(((await base.clone().whereNull('read_at').count({ n: '*' }).first()) as { n: number | string }).n)
  const rows = (await list.orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize)) as Row[]
  return {
    total,
    unread,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({ id: Number(r.id), kind: r.kind, title: r.title, body: r.body, cardId: r.card_id, caseId: r.case_id, createdAt: Number(r.created_at), readAt: r.read_at === null ? null : Number(r.read_at) })),
  }
}

export async function markNotificationRead(deps: Deps, user: User, id: number) {
  const n = await deps.db.write((trx) => trx('notifications').where({ id, user_id: user.id }).update({ read_at: deps.now() }))
  if (n === 0) throw new AppError('NOT_FOUND', `no notification ${id}`)
  return { id, read: true }
}
