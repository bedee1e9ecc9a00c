import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from './stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Which face of the app: the public hall or the staff workbench. */
    face?: 'hall' | 'workbench' | 'supervision'
    /** Needs a signed-in staff member, supervisor or administrator. */
    staff?: boolean
    /** Needs a supervisor or administrator (the supervision platform's own settings). */
    supervisor?: boolean
  }
}

const hall = (path: string, component: RouteRecordRaw['component'], extra: Partial<RouteRecordRaw> = {}) => ({ path, component, meta: { face: 'hall' as const }, ...extra }) as RouteRecordRaw
const staff = (path: string, component: RouteRecordRaw['component']) => ({ path, component, meta: { face: 'workbench' as const, staff: true } }) as RouteRecordRaw

const supervision = (path: string, component: RouteRecordRaw['component'], supervisorOnly = false) => ({ path, component, meta: { face: 'supervision' as const, staff: true, supervisor: supervisorOnly } }) as RouteRecordRaw

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
  // Supervision platform (issue 7): the government's and a department's views; lazy, so the hall never loads it.
  hall('/scores', () => import('./modules/supervision/views/hall-scores-view.vue')),
  staff('/workbench/cards', () => import('./modules/supervision/views/cards-view.vue')),
  { ...staff('/workbench/cards/:id', () => import('./modules/supervision/views/card-view.vue')), props: true } as RouteRecordRaw,
  supervision('/supervision', () => import('./modules/supervision/views/dashboard-view.vue')),
  supervision('/supervision/cases', () => import('./modules/supervision/views/drill-cases-view.vue')),
  { ...supervision('/supervision/cases/:id', () => import('./modules/supervision/views/supervision-case-view.vue')), props: true } as RouteRecordRaw,
  supervision('/supervision/cards', () => import('./modules/supervision/views/cards-view.vue')),
  { ...supervision('/supervision/cards/:id', () => import('./modules/supervision/views/card-view.vue')), props: true } as RouteRecordRaw,
  supervision('/supervision/interactions', () => import('./modules/supervision/views/interactions-view.vue')),
  supervision('/supervision/scores', () => import('./modules/supervision/views/scores-view.vue')),
  supervision('/supervision/rules', () => import('./modules/supervision/views/rules-view.vue'), true),
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
    if (!session.canWork) return { path: '/workbench/login', query: { next: to.fullPath } }
    if (to.meta.supervisor && !(session.user?.roles ?? []).some((r) => r === 'supervisor' || r === 'admin')) return { path: '/supervision' }
    return true
  })
  // Move focus to the main region after navigation so screen readers announce the new page.
  router.afterEach(() => {
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }))
  })
  return router
}
