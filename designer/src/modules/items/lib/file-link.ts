/**
 * The link for a material's blank form or sample as the designer shows it. The definition's `ref`
 * is authored text: only same-site API paths and https URLs become links, never `javascript:`,
 * `data:` or any other scheme (issue #8: injection in authored texts). Anything else shows as text.
 */
export function safeFileLink(ref: string | undefined): string | undefined {
  const r = ref?.trim()
  if (!r) return undefined
  if (/^\/api\/[^\s]*$/.test(r) && !r.startsWith('/api//')) return r
  if (/^https:\/\/[^\s]+$/i.test(r)) return r
  return undefined
}
