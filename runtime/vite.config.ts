import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { sharedConfig } from '../vite.shared.ts'
import { inlineEntryCss } from './build/inline-entry-css.ts'
import { precompileMessages } from './build/precompile-messages.ts'

const shared = sharedConfig({ base: '/', port: 5173 })

// The hall's apply page must load ≤ 250 kB of gzip JS (issue 6), in few files: at 150 ms round
// trip every extra file on the critical path costs. Changes to the shared chunk groups, for this
// app only:
// - no single Element Plus / Formily chunk: it would hold every component any page uses (the
//   workbench's tables, dialogs, date pickers…). Instead one `hall-form` chunk holds what nearly
//   every published form needs (Formily's core and Vue binding, the common field components and
//   the Element Plus parts under them); rarer components (date and time pickers, cascader,
//   transfer, array tables, uploads…) stay their own on-demand chunks; `hall-app` holds the small
//   hall modules; priorities decide where a module both would capture goes;
// - no LogicFlow group: a group also captures its modules' dependencies, and lodash-es (shared
//   with Element Plus) then made the apply page load LogicFlow; it is a dynamic import anyway;
// - the Vue group takes the runtime only: vuedraggable (a UMD file behind Formily's array
//   components) requires 'vue' as CommonJS, which drags vue.cjs and the template compiler in.
const vueRuntime = { name: 'vue', priority: 4, test: /node_modules[\\/](vue[\\/]dist[\\/]vue\.runtime\.esm-bundler|@vue[\\/](runtime-core|runtime-dom|reactivity|shared)[\\/]|vue-router[\\/]|pinia[\\/]|vue-i18n[\\/]|@intlify[\\/])/ }
/** What the entry itself imports (the shell, Element Plus' config provider and locale, shared utilities): never pulled into `hall-form`. */
const initialLibs = { name: 'base', priority: 3, tags: ['$initial' as const] }
/** Formily's core, the common field components (with their dependencies, captured recursively), the hall's form host. */
const COMMON_FIELDS = ['__builtins__', 'form-item', 'form-layout', 'form-grid', 'preview-text', 'space', 'input', 'password', 'select', 'input-number', 'radio', 'checkbox', 'switch']
const hallForm = {
  name: 'hall-form',
  priority: 1,
  test: new RegExp(
    [
      String.raw`node_modules[\\/]@formily[\\/](core|reactive|reactive-vue|shared|path|validator|json-schema|grid|vue)[\\/]`,
      String.raw`node_modules[\\/]@formily[\\/]element-plus[\\/]esm[\\/](${COMMON_FIELDS.join('|')})[\\/]`,
      String.raw`runtime[\\/]src[\\/]components[\\/]lazy-item-form\.ts`,
    ].join('|'),
  ),
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/**
 * The small hall modules the apply page shares with other pages (API calls, stores, helpers, the
 * applicant and material blocks): one file instead of a dozen of 1 kB. The page itself stays its
 * own chunk: the server finds it in the manifest to preload it (server/src/hall-pages.ts).
 * Nothing here imports Formily (use-application-form stays out), so the home and other hall pages
 * that use these modules do not load `hall-form`. The safe expression evaluator goes here too.
 */
const hallApp = {
  name: 'hall-app',
  // Above hall-form: the safe expression evaluator (@sunlight/expression) is shared with
  // @sunlight/definition, which the home page loads; in hall-form it would drag Formily there.
  priority: 2,
  test: /runtime[\\/]src[\\/](api[\\/]|stores[\\/]|composables[\\/]use-material-slots|lib[\\/](api-error|format|form-fields|materials|draft|file-ref|operations)\.ts|modules[\\/]hall[\\/]components[\\/](applicant-fields|material-upload)\.vue)|packages[\\/]expression[\\/]src[\\/]|plugin-vue:export-helper/,
}

export default defineConfig({
  ...shared,
  resolve: {
    alias: [
      // @formily/element-plus depends on icons-vue 1.x, a CommonJS file of every icon; the 2.x ES
      // build (the one Element Plus uses) lets the bundle keep only the four icons the form item draws.
      { find: /^@element-plus\/icons-vue$/, replacement: here('./node_modules/@element-plus/icons-vue/dist/index.js') },
      { find: /^(resize-observer-polyfill|@juggle\/resize-observer)$/, replacement: here('./src/lib/native-resize-observer.ts') },
    ],
  },
  plugins: [...(shared.plugins ?? []), inlineEntryCss(), precompileMessages()],
  // vue-i18n without its message compiler (the messages are ASTs from the build) and without the
  // legacy (Options) API, which nothing here uses: composition mode only.
  define: {
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
  },
  build: {
    ...shared.build,
    // The server reads which chunks a page needs (modulepreload of the apply page's chunks).
    manifest: true,
    rolldownOptions: { output: { codeSplitting: { groups: [vueRuntime, initialLibs, hallForm, hallApp] } } },
  },
})
