import { defineStore } from 'pinia'
import { ref } from 'vue'
import { fetchNotifications, markNotificationRead } from '../api/supervision'
import type { AppNotification } from '../api/supervision-types'
import { isMissingRoute } from '../lib/api-error'

/** The signed-in user's in-app notifications (the workbench bell), refreshed by polling. */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<AppNotification[]>([])
  const unread = ref(0)
  /** False when the server has no notifications route (the bell hides). */
  const available = ref(true)
  let timer: ReturnType<typeof setInterval> | undefined

  async function load(): Promise<void> {
    try {
      const r = await fetchNotifications({ pageSize: 20 })
      items.value = r.items
      unread.value = r.unread
      available.value = true
    } catch (e) {
      if (isMissingRoute(e)) available.value = false
    }
  }

  async function markRead(id: number): Promise<void> {
    await markNotificationRead(id)
    const n = items.value.find((x) => x.id === id)
    if (n && n.readAt === null) {
      n.readAt = Date.now()
      unread.value = Math.max(0, unread.value - 1)
    }
  }

  /** Polls every `ms` while the workbench is open (the bell's only source; no push channel yet). */
  function start(ms = 30_000): void {
    stop()
    void load()
    timer = setInterval(() => void load(), ms)
  }

  function stop(): void {
    if (timer) clearInterval(timer)
    timer = undefined
  }

  return { items, unread, available, load, markRead, start, stop }
})
