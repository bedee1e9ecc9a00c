import { defineConfig } from 'vite'
import { sharedConfig } from '../vite.shared.ts'

const shared = sharedConfig({ base: '/', port: 5173 })

// The hall's apply page must load ≤ 250 kB of gzip JS (issue 6). Three changes to the shared chunk
// groups, for this app only:
// - no single Element Plus / Formily chunk: it would hold every component any page uses (the
//   workbench's tables, dialogs, date pickers…), so those libraries split by the pages using them;
// - no LogicFlow group: a group also captures its modules' dependencies, and lodash-es (shared
//   with Element Plus) then made the apply page load LogicFlow; it is a dynamic import anyway;
// - the Vue group takes the runtime only: vuedraggable (a UMD file behind Formily's array
//   components) requires 'vue' as CommonJS, which drags vue.cjs and the template compiler in.
const vueRuntime = { name: 'vue', test: /node_modules[\\/](vue[\\/]dist[\\/]vue\.runtime\.esm-bundler|@vue[\\/](runtime-core|runtime-dom|reactivity|shared)[\\/]|vue-router[\\/]|pinia[\\/]|vue-i18n[\\/]|@intlify[\\/])/ }

export default defineConfig({
  ...shared,
  build: {
    ...shared.build,
    rolldownOptions: { output: { codeSplitting: { groups: [vueRuntime] } } },
  },
})
