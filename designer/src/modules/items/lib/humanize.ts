import type { Diagnostic, PowerItemDefinition } from '@sunlight/definition'

/**
 * Diagnostics name nodes and edges by id (“step1”); a designer knows them by name. Quoted ids of
 * the flow are replaced by “name（id）” in the message of the user's language.
 */
export function diagnosticText(d: Diagnostic, def: PowerItemDefinition | null | undefined, en = false): string {
  const text = en ? d.message : d.messageZh
  if (!def) return text
  const names = new Map<string, string>(def.flow.nodes.map((n) => [n.id, n.name]))
  return text.replace(/([“"])([A-Za-z][\w-]*)([”"])/g, (whole, open: string, id: string, close: string) => {
    const name = names.get(id)
    return name && name !== id ? `${open}${name}${close}（${id}）` : whole
  })
}
