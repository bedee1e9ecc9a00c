import { http } from './http'
import type { ItemSummary, ReviewInput, Submission, VersionFull } from './types'

export const reviewQueue = () => http.get<{ submissions: Submission[] }>('/api/review/queue')
export const reviewVersion = (key: string, version: number, input: ReviewInput) =>
  http.post<{ item: ItemSummary; version: VersionFull }>(`/api/items/${encodeURIComponent(key)}/versions/${version}/review`, input)
