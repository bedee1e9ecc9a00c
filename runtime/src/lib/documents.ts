import type { DocumentTemplateState } from '../api/documents'

/**
 * What the case page offers for a document template: links when issued, an issue button when its
 * act happened and it fits the outcome, "does not fit" when the act happened but the case went the
 * other way (an approval after a denial), "not yet" otherwise.
 */
export type TemplateOffer = 'issued' | 'issue' | 'notFitting' | 'notYet'

export function templateOffer(t: Pick<DocumentTemplateState, 'issuedDocumentId' | 'actDone' | 'available'>): TemplateOffer {
  if (t.issuedDocumentId) return 'issued'
  if (t.actDone && t.available !== false) return 'issue'
  if (t.actDone) return 'notFitting'
  return 'notYet'
}

/** Templates in the order the page lists them: issuable and issued first, then the rest as defined. */
export function orderedTemplates<T extends Pick<DocumentTemplateState, 'issuedDocumentId' | 'actDone' | 'available'>>(list: readonly T[]): T[] {
  const rank: Record<TemplateOffer, number> = { issue: 0, issued: 1, notYet: 2, notFitting: 3 }
  return list.map((t, i) => ({ t, i })).sort((a, b) => rank[templateOffer(a.t)] - rank[templateOffer(b.t)] || a.i - b.i).map((x) => x.t)
}
