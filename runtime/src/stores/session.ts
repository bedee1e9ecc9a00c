import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchMe, login, logout } from '../api/auth'
import type { SessionUser } from '../api/types'

/** The signed-in staff member (the hall needs no account). */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | undefined>()
  /** Whether the session was looked up once since the page loaded. */
  const checked = ref(false)
  const isStaff = computed(() => user.value?.roles.includes('staff') ?? false)
  const canWork = computed(() => (user.value?.roles ?? []).some((r) => r === 'staff' || r === 'supervisor' || r === 'admin'))

  /** Looks up the session cookie once (also fetches the CSRF token). */
  async function restore(): Promise<SessionUser | undefined> {
    if (!checked.value) {
      user.value = await fetchMe()
      checked.value = true
    }
    return user.value
  }

  async function signIn(username: string, password: string): Promise<SessionUser> {
    user.value = await login(username, password)
    checked.value = true
    return user.value
  }

  async function signOut(): Promise<void> {
    try {
      await logout()
    } finally {
      user.value = undefined
    }
  }

  return { user, checked, isStaff, canWork, restore, signIn, signOut }
})
