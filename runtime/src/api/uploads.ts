import { ApiError } from '@sunlight/api-client'
import { csrfHeader } from './http'
import type { UploadedFile } from './types'

/**
 * Uploads one file as the raw request body (the server sniffs PDF / PNG / JPEG), reporting
 * progress from 0 to 100. XMLHttpRequest because fetch has no upload progress.
 */
export function uploadFile(file: File, onProgress: (percent: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/uploads')
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream')
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name))
    xhr.setRequestHeader('accept', 'application/json')
    for (const [k, v] of Object.entries(csrfHeader())) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      let data: unknown
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        data = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100)
        resolve(data as UploadedFile)
        return
      }
      const e = (data as { error?: { code: string; message: string; details: Record<string, unknown> } } | undefined)?.error
      reject(new ApiError(xhr.status, e?.code ?? 'HTTP', e?.message ?? xhr.statusText, e?.details ?? {}))
    }
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'))
    xhr.send(file)
  })
}
