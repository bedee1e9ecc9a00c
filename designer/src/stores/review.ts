import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getItem, getVersion, itemDiff, reviewQueue, reviewVersion } from '../api'
import type { ItemDetail, ItemDiff, ReviewInput, Submission, VersionFull } from '../api'

/** The legal office's work: the queue of submissions, and the one under review with its base version. */
export const useReviewStore = defineStore('review', () => {
  const queue = ref<Submission[]>([])
  const loading = ref(false)
  const detail = ref<ItemDetail | null>(null)
  const current = ref<VersionFull | null>(null)
  const base = ref<VersionFull | null>(null)
  const diff = ref<ItemDiff | null>(null)

  async function loadQueue(): Promise<void> {
    loading.value = true
    try {
      queue.value = (await reviewQueue()).submissions
    } finally {
      loading.value = false
    }
  }

  async function open(key: string, version: number): Promise<void> {
    current.value = null
    const [d, v, df] = await Promise.all([getItem(key), getVersion(key, version), itemDiff(key, undefined, version)])
    detail.value = d
    current.value = v
    diff.value = df
    base.value = df.from !== null ? await getVersion(key, df.from) : null
  }

  async function decide(key: string, version: number, input: ReviewInput) {
    const answer = await reviewVersion(key, version, input)
    queue.value = queue.value.filter((s) => !(s.key === key && s.version === version))
    return answer
  }

  return { queue, loading, detail, current, base, diff, loadQueue, open, decide }
})
