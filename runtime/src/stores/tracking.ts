import type { MaterialSubmission } from '@sunlight/engine'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { fetchApplicantDocuments, fetchRating, rateCase, supplementCase, trackCase, type ApplicantDocument, type CaseLookup } from '../api/hall'
import type { PublicCaseView, RatingView } from '../api/types'
import { isMissingRoute } from '../lib/api-error'

/** A case looked up in the hall with its number and query password: status, documents, rating. */
export const useTrackingStore = defineStore('tracking', () => {
  const lookup = ref<CaseLookup | undefined>()
  const view = ref<PublicCaseView | undefined>()
  const documents = ref<ApplicantDocument[]>([])
  const linksExpireAt = ref<number | undefined>()
  /** undefined: not asked yet; null: the server has no such API. */
  const documentsAvailable = ref<boolean | undefined>()
  const rating = ref<RatingView | undefined>()
  const ratingAvailable = ref<boolean | undefined>()

  async function track(l: CaseLookup): Promise<PublicCaseView> {
    const v = await trackCase(l)
    lookup.value = l
    view.value = v
    await Promise.all([loadDocuments(), v.status === 'concluded' ? loadRating() : Promise.resolve()])
    return v
  }

  async function loadDocuments(): Promise<void> {
    if (!lookup.value) return
    try {
      const r = await fetchApplicantDocuments(lookup.value)
      documents.value = r.documents
      linksExpireAt.value = r.linksExpireAt
      documentsAvailable.value = true
    } catch (e) {
      documents.value = []
      if (isMissingRoute(e)) documentsAvailable.value = false
      else throw e
    }
  }

  async function loadRating(): Promise<void> {
    if (!lookup.value) return
    try {
      rating.value = await fetchRating(lookup.value)
      ratingAvailable.value = true
    } catch (e) {
      if (isMissingRoute(e)) ratingAvailable.value = false
      else throw e
    }
  }

  async function supplement(materials: Record<string, MaterialSubmission>): Promise<void> {
    if (!lookup.value) return
    await supplementCase(lookup.value, materials)
    await track(lookup.value)
  }

  async function rate(stars: number, comment: string, channel: 'pc' | 'mobile'): Promise<void> {
    if (!lookup.value) return
    await rateCase({ ...lookup.value, stars, channel, ...(comment.trim() ? { comment: comment.trim() } : {}) })
    await loadRating()
  }

  function reset(): void {
    lookup.value = undefined
    view.value = undefined
    documents.value = []
    rating.value = undefined
  }

  return { lookup, view, documents, linksExpireAt, documentsAvailable, rating, ratingAvailable, track, loadDocuments, loadRating, supplement, rate, reset }
})
