/** JSON pointers (RFC 6901) in and out. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

export function atPointer(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc
  for (const seg of parsePointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)]
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[seg]
    else return undefined
  }
  return cur
}
