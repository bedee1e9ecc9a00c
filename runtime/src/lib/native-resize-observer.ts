/**
 * Stands in for the ResizeObserver polyfills Formily's form item and grid import
 * (`resize-observer-polyfill`, `@juggle/resize-observer`: ~30 kB before gzip on the apply page):
 * every browser the build targets has ResizeObserver natively. Aliased in vite.config.ts (build only).
 */
const NativeResizeObserver = globalThis.ResizeObserver
export { NativeResizeObserver as ResizeObserver }
export default NativeResizeObserver
