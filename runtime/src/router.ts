import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Which face of the app: the public hall or the staff workbench. */
    face?: 'hall' | 'workbench'
    /** Needs a signed-in staff member, supervisor or administrator. */
    staff?: boolean
  }
}

const hall = (path: string, component: RouteRecordRaw['component'], extra: Partial<RouteRecordRaw> = {}) => ({ path, component, meta: { face: 'hall' as const }, ...extra }) as RouteRecordRaw
const staff = (path: string, component: RouteRecordRaw['component']) => ({ path, component, meta: { face: 'workbench' as const, staff: true } }) as RouteRecordRaw

// `key` is reserved by Vue, so the item key reaches views as `itemKey`.
const itemKeyProp = (r: RouteLocationNormalized) => ({ itemKey: String(r.params.key) })

/** Every page is its own chunk, so the apply page loads only what it draws. */
export const routes: RouteRecordRaw[] = [
  hall('/', () => import('./modules/hall/views/home-view.vue')),
  hall('/items/:key', () => import('./modules/hall/views/item-guide-view.vue'), { props: itemKeyProp }),
  hall('/apply/:key', () => import('./modules/hall/views/apply-view.vue'), { props: itemKeyProp }),
  hall('/receipt', () => import('./modules/hall/views/receipt-view.vue')),
  hall('/track', () => import('./modules/hall/views/track-view.vue')),
  hall('/consult', () => import('./modules/hall/views/request-view.vue'), { props: { kind: 'consultations' } }),
  hall('/complain', () => import('./modules/hall/views/request-view.vue'), { props: { kind: 'complaints' } }),
  hall('/transparency', () => import('./modules/hall/views/transparency-view.vue')),
  { path: '/workbench/login', component: () => import('./modules/workbench/views/login-view.vue'), meta: { face: 'workbench' } },
  { path: '/workbench', redirect: '/workbench/cases' },
  staff('/workbench/cases', () => import('./modules/workbench/views/case-list-view.vue')),
  { ...staff('/workbench/cases/:id', () => import('./modules/workbench/views/case-view.vue')), props: true } as RouteRecordRaw,
  { ...staff('/workbench/cases/:id/file', () => import('./modules/workbench/views/case-file-view.vue')), props: true } as RouteRecordRaw,
  staff('/workbench/window', () => import('./modules/workbench/views/window-view.vue')),
  { path: '/:rest(.*)*', redirect: '/' },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
  router.beforeEach(async (to) => {
    if (!to.meta.staff) return true
    const session = useSessionStore()
    await session.restore()
    return session.canWork ? true : { path: '/workbench/login', query: { next: to.fullPath } }
  })
  // Move focus to the main region after navigation so screen readers announce the new page.
  router.afterEach(() => {
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }))
  })
  return router
}
