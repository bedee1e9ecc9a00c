import { createPinia } from 'pinia'
import { createApp, h } from 'vue'
import App from './app.vue'
import { applyLocale, createAppI18n, type Locale } from './i18n'
import { createAppRouter } from './router'
import './styles/app.css'

const i18n = createAppI18n()
applyLocale(i18n, i18n.global.locale.value as Locale)

// Vite resolves `vue` to the runtime-only build: a render function, never a template string.
createApp({ render: () => h(App) })
  .use(createPinia())
  .use(i18n)
  .use(createAppRouter())
  .mount('#app')
