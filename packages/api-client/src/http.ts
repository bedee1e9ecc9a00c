/** One error shape for every failed call: the server's envelope `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** JSON pointers of the fields the server named (`/body/form/area` → `form/area`). */
  get fieldPaths(): string[] {
    const issues = (this.details.issues as { path: string }[] | undefined) ?? []
    return issues.map((i) => i.path.replace(/^\/(body|query|params)\//, ''))
  }
}

export interface HttpOptions {
  baseUrl?: string
  fetch?: typeof fetch
}

/**
 * The transport: same-origin fetch with the session cookie, the CSRF header on every
 * state-changing request, JSON in and out, and ApiError for anything not 2xx.
 */
export function createHttp(options: HttpOptions = {}) {
  const base = options.baseUrl ?? ''
  const f = options.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a))
  let csrf = ''
  async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const h: Record<string, string> = { accept: 'application/json', ...headers }
    if (body !== undefined) h['content-type'] = 'application/json'
    if (method !== 'GET' && csrf) h['x-csrf-token'] = csrf
    const r = await f(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' })
    const text = await r.text()
    const data = text ? (JSON.parse(text) as unknown) : undefined
    if (!r.ok) {
      const e = (data as { error?: { code: string; message: string; details: Record<string, unknown> } } | undefined)?.error
      throw new ApiError(r.status, e?.code ?? 'HTTP', e?.message ?? r.statusText, e?.details ?? {})
    }
    return data as T
  }
  /** A POST whose answer is a file (a PDF preview): the bytes as a Blob, or the ApiError. */
  async function postBlob(path: string, body: unknown): Promise<Blob> {
    const h: Record<string, string> = { accept: '*/*', 'content-type': 'application/json' }
    if (csrf) h['x-csrf-token'] = csrf
    const r = await f(base + path, { method: 'POST', headers: h, body: JSON.stringify(body), credentials: 'same-origin' })
    if (!r.ok) {
      const text = await r.text()
      let e: { code: string; message: string; details: Record<string, unknown> } | undefined
      try {
        e = (JSON.parse(text) as { error?: typeof e }).error
      } catch {
        /* not the envelope */
      }
      throw new ApiError(r.status, e?.code ?? 'HTTP', e?.message ?? r.statusText, e?.details ?? {})
    }
    return r.blob()
  }
  return {
    postBlob,
    setCsrf(token: string) {
      csrf = token
    },
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
    delete: <T>(path: string) => request<T>('DELETE', path),
  }
}

export type Http = ReturnType<typeof createHttp>
