/**
 * Where a published file (blank form, sample) can be downloaded. The definition stores a file key
 * or a URL path; only same-site API paths and https URLs become links (never javascript: or data:).
 */
export function fileRefUrl(ref: { name: string; ref?: string } | undefined): string | undefined {
  const r = ref?.ref?.trim()
  if (!r) return undefined
  if (r.startsWith('/api/')) return r
  if (/^https:\/\/[^\s]+$/.test(r)) return r
  if (/^[0-9a-f-]{36}$/.test(r)) return `/api/files/${r}`
  return undefined
}
