import { ApiError } from '@sunlight/api-client'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { fetchSession, login as apiLogin, logout as apiLogout } from '../api'
import type { User } from '../api'

/** The signed-in user: designers edit their department's items, reviewers confirm them. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  const checked = ref(false)

  const isDesigner = computed(() => !!user.value && (user.value.roles.includes('designer') || user.value.roles.includes('admin')))
  const isReviewer = computed(() => !!user.value && (user.value.roles.includes('reviewer') || user.value.roles.includes('admin')))
  const isAdmin = computed(() => !!user.value?.roles.includes('admin'))

  /** Restores the session from the cookie once per page load; false when nobody is signed in. */
  async function restore(): Promise<boolean> {
    if (checked.value) return !!user.value
    try {
      user.value = (await fetchSession()).user
    } catch (e) {
      if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e
      user.value = null
    } finally {
      checked.value = true
    }
    return !!user.value
  }

  async function login(username: string, password: string): Promise<User> {
    const answer = await apiLogin(username, password)
    user.value = answer.user
    checked.value = true
    return answer.user
  }

  async function logout(): Promise<void> {
    try {
      await apiLogout()
    } finally {
      user.value = null
    }
  }

  /** Whether the user may edit an item of this department (designers: their own; admins: any). */
  function canEdit(departmentId: string): boolean {
    if (!user.value) return false
    if (user.value.roles.includes('admin')) return true
    return user.value.roles.includes('designer') && user.value.departmentId === departmentId
  }

  return { user, checked, isDesigner, isReviewer, isAdmin, restore, login, logout, canEdit }
})
