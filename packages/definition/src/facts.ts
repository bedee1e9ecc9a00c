/**
 * Facts of a case that expressions and document placeholders may read, besides form fields.
 * The engine fills them (engine/src/facts.ts); documents use `{{case.x}}`, `{{item.x}}`, `{{doc.x}}`.
 */
export const caseFacts = [
  'caseNo',
  'applicantName',
  'applicantIdType',
  'applicantId',
  'channel',
  'status',
  'submittedAt',
  'receivedDate',
  'acceptedAt',
  'acceptedDate',
  'promisedDeadline',
  'statutoryDeadline',
  'concludedAt',
  'result',
  'resultName',
  'step',
  'stepName',
  'actorName',
  'opinion',
  'reason',
  'supplementRounds',
  'supplementList',
  'supplementDue',
  'specialProcedure',
  'specialProcedureDays',
  'extensionDays',
  'returnCount',
  'suspendCount',
  // 会签 votes of the countersign step being completed (for the gateway after it)
  'countersignFor',
  'countersignAgainst',
  'fee',
  'grade',
  'amount',
  'today',
] as const

export type CaseFact = (typeof caseFacts)[number]

export const itemFacts = [
  'name',
  'category',
  'categoryName',
  'basicCode',
  'implCode',
  'department',
  'handlingUnit',
  'legalBasis',
  'statutoryLimit',
  'promisedLimit',
  'consultationPhone',
  'supervisionPhone',
] as const

export const documentFacts = ['number', 'date', 'title'] as const

/** Event facts visible to monitoring points (`event.x`). */
export const eventFacts = ['type', 'operation', 'actor', 'post', 'node', 'reason', 'opinion', 'at', 'level'] as const
