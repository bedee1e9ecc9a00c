import { createRouter, createWebHistory, type Router } from 'vue-router'
import { useSessionStore } from './stores/session'
import LoginView from './modules/session/views/login-view.vue'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    reviewer?: boolean
  }
}

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes: [
      { path: '/', redirect: '/items' },
      { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
      { path: '/items', name: 'catalog', component: () => import('./modules/catalog/views/catalog-view.vue') },
      { path: '/items/:itemKey', name: 'editor', component: () => import('./modules/items/views/item-editor.vue') },
      { path: '/items/:itemKey/history', name: 'history', component: () => import('./modules/items/views/history-view.vue') },
      { path: '/review', name: 'review-queue', component: () => import('./modules/review/views/review-queue.vue'), meta: { reviewer: true } },
      {
        path: '/review/:key/:version',
        name: 'review',
        component: () => import('./modules/review/views/review-view.vue'),
        props: (r) => ({ itemKey: String(r.params.key), version: Number(r.params.version) }),
        meta: { reviewer: true },
      },
      { path: '/:pathMatch(.*)*', redirect: '/items' },
    ],
  })
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    const signedIn = await session.restore()
    if (to.meta.public) return signedIn && to.name === 'login' ? { path: '/items' } : true
    if (!signedIn) return { name: 'login', query: { redirect: to.fullPath } }
    if (to.meta.reviewer && !session.isReviewer) return { path: '/items' }
    return true
  })
  return router
}
