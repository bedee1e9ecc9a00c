import { ApiError } from '@sunlight/api-client'
import { csrfToken } from './http'

export interface UploadAnswer {
  fileId: string
  sha256: string
  size: number
  mime: string
  downloadToken: string
}

/** Uploads one file as the raw request body (the server takes PDF, PNG and JPEG). */
export async function uploadFile(file: File): Promise<UploadAnswer> {
  const r = await fetch('/api/uploads', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name), 'x-csrf-token': csrfToken(), accept: 'application/json' },
    body: file,
  })
  const data = (await r.json().catch(() => ({}))) as UploadAnswer & { error?: { code: string; message: string; details?: Record<string, unknown> } }
  if (!r.ok) throw new ApiError(r.status, data.error?.code ?? 'HTTP', data.error?.message ?? r.statusText, data.error?.details ?? {})
  return data
}

/** The link a definition stores for a public file (blank form, sample). */
export const fileLink = (a: UploadAnswer): string => `/api/files/${a.fileId}?token=${a.downloadToken}`
