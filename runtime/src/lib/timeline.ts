/** The i18n key of a case event type: 'case:supplementRequested' → 'event.caseSupplementRequested'. */
export function eventKey(type: string): string {
  const [scope = '', name = ''] = type.split(':')
  return `event.${scope}${name.charAt(0).toUpperCase()}${name.slice(1)}`
}

/** Event types that are signs of trouble (returned, refused, suspended…), drawn in warning colour. */
const TROUBLE = new Set(['case:refused', 'step:returned', 'case:suspended', 'case:voided', 'step:withdrawn', 'monitor:raised'])

export function isTrouble(type: string): boolean {
  return TROUBLE.has(type)
}

/** The i18n key of a case status. */
export const statusKey = (status: string) => `status.${status}`

/** The i18n key of an operation. */
export const operationKey = (op: string) => `op.${op}`
