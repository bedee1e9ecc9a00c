import { onBeforeUnmount, onMounted } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router'
import { confirm } from '../components/feedback'
import { i18n } from '../i18n'

/**
 * Unsaved changes are never dropped silently: leaving the route first tries to save, then asks;
 * closing or reloading the tab asks the browser to warn.
 */
export function useLeaveGuard(options: { dirty: () => boolean; save: () => Promise<void> }): void {
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (!options.dirty()) return
    e.preventDefault()
    e.returnValue = ''
  }
  const guard = async () => {
    if (!options.dirty()) return true
    await options.save().catch(() => undefined)
    if (!options.dirty()) return true
    return confirm(i18n.global.t('editor.leaveUnsaved'), i18n.global.t('editor.leaveTitle'), { danger: true, confirmText: i18n.global.t('editor.leaveAnyway') })
  }
  onBeforeRouteLeave(guard)
  onBeforeRouteUpdate((to, from) => (to.params.itemKey !== from.params.itemKey ? guard() : true))
  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload))
}
