import { createPinia } from 'pinia'
import { createApp, h } from 'vue'
import App from './app.vue'
import { i18n } from './i18n'
import { createAppRouter } from './router'
import './styles/base.scss'

// Vite ships Vue's runtime-only build: the root renders with a function, never a template string.
const app = createApp({ render: () => h(App) })
app.use(createPinia())
app.use(createAppRouter())
app.use(i18n)
app.mount('#app')
