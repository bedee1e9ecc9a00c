// @formily/element-plus 1.1 still passes Radio options as `label`; Element Plus warns about it on
// every render. The warning is the library's, not ours: keep it out of the test output only.
const warn = console.warn.bind(console)
console.warn = (...args: unknown[]) => {
  if (args.some((a) => String(a instanceof Error ? a.message : a).includes('label act as value is about to be deprecated'))) return
  warn(...args)
}
