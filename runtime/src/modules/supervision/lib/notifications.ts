/** In-app notifications of the responsible unit (the bell in the workbench header). */

export interface NotificationLike {
  id: string | number
  readAt: number | null
  createdAt: number
  /** card | order | cards (how many cards a scheduler pass gave the unit at once) | … */
  kind?: string
  /** What it is about: a card (most), a 督办 order, a score… */
  cardId?: string | null
  caseId?: string | null
}

/** How many are unread; shown as the bell's badge ("99+" beyond 99). */
export function unreadBadge(list: readonly NotificationLike[], total?: number): string {
  const n = total ?? list.filter((x) => x.readAt === null).length
  return n === 0 ? '' : n > 99 ? '99+' : String(n)
}

/** Where a notification leads in the workbench: its card, else its case, the unit's issued cards for a count of many, else nowhere. */
export function notificationLink(n: NotificationLike): string | undefined {
  if (n.kind === 'cards') return '/workbench/cards?status=issued'
  if (n.cardId) return `/workbench/cards/${encodeURIComponent(n.cardId)}`
  if (n.caseId) return `/workbench/cases/${encodeURIComponent(n.caseId)}`
  return undefined
}

/** Newest first, unread before read. */
export function sortNotifications<T extends NotificationLike>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => Number(a.readAt !== null) - Number(b.readAt !== null) || b.createdAt - a.createdAt)
}
