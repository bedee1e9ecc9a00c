import { createPinia } from 'pinia'
import { createApp, h } from 'vue'
import App from './app.vue'
import { applyLocale, createAppI18n, initialLocale } from './i18n'
import { PAGE_DATA_ID, readPageEntry } from './lib/page-data'
import { createAppRouter } from './router'
import { useCatalogStore } from './stores/catalog'
import './styles/app.css'

const i18n = createAppI18n()
const pinia = createPinia()
const router = createAppRouter()

// Vite resolves `vue` to the runtime-only build: a render function, never a template string.
const app = createApp({ render: () => h(App) }).use(pinia).use(i18n).use(router)

// Item pages arrive with the item inline (server/src/hall-pages.ts): no second request for it. The
// data element goes once read (its text is the whole entry; nothing else needs it).
const inline = readPageEntry(document)
if (inline) useCatalogStore(pinia).seed(inline)
document.getElementById(PAGE_DATA_ID)?.remove()

// Mount once the first page's chunk (and, for a visitor who chose English, its messages) is in, so
// the server's markup of an item page stays on screen until the app draws the same page over it.
void Promise.all([router.isReady(), applyLocale(i18n.global, initialLocale())])
  .catch(() => undefined) // a failed first navigation still mounts: the app shows its error
  .then(() => app.mount('#app'))
