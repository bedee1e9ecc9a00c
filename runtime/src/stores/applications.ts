import { defineStore } from 'pinia'
import { ref } from 'vue'
import { submitAtWindow } from '../api/cases'
import { submitApplication } from '../api/hall'
import type { ApplicationInput, Receipt } from '../api/types'
import { clearDraft, loadDraft, saveDraft, type ApplicationDraft } from '../lib/draft'

const RECEIPT_KEY = 'sunlight:receipt'

export interface ShownReceipt extends Receipt {
  itemKey: string
  itemName: string
  channel: 'online' | 'window'
}

function readReceipt(): ShownReceipt | undefined {
  try {
    const raw = sessionStorage.getItem(RECEIPT_KEY)
    return raw ? (JSON.parse(raw) as ShownReceipt) : undefined
  } catch {
    return undefined
  }
}

/**
 * Applications being made: drafts kept in this browser, submission online or at the window, and
 * the receipt of the last one (kept for this tab only, since it shows the query password).
 */
export const useApplicationsStore = defineStore('applications', () => {
  const receipt = ref<ShownReceipt | undefined>(readReceipt())
  const submitting = ref(false)

  async function submit(input: ApplicationInput, meta: { itemName: string; channel: 'online' | 'window' }): Promise<ShownReceipt> {
    submitting.value = true
    try {
      const r = meta.channel === 'window' ? await submitAtWindow(input) : await submitApplication(input)
      receipt.value = { ...r, itemKey: input.itemKey, itemName: meta.itemName, channel: meta.channel }
      try {
        sessionStorage.setItem(RECEIPT_KEY, JSON.stringify(receipt.value))
      } catch {
        // storage denied: the receipt lives in memory only
      }
      if (meta.channel === 'online') clearDraft(localStorage, input.itemKey)
      return receipt.value
    } finally {
      submitting.value = false
    }
  }

  function forgetReceipt(): void {
    receipt.value = undefined
    try {
      sessionStorage.removeItem(RECEIPT_KEY)
    } catch {
      // nothing stored
    }
  }

  const draftOf = (itemKey: string, itemVersion: number) => loadDraft(localStorage, itemKey, itemVersion)
  const keepDraft = (draft: ApplicationDraft) => saveDraft(localStorage, draft)
  const dropDraft = (itemKey: string) => clearDraft(localStorage, itemKey)

  return { receipt, submitting, submit, forgetReceipt, draftOf, keepDraft, dropDraft }
})
