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
  async function send(method: string, path: string, body: unknown, headers: Record<string, string>, accept: string): Promise<Response> {
    const h: Record<string, string> = { accept, ...headers }
    if (body !== undefined) h['content-type'] = 'application/json'
    if (method !== 'GET' && csrf) h['x-csrf-token'] = csrf
    return f(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' })
  }
  async function fail(r: Response): Promise<never> {
    const text = await r.text()
    let data: { error?: { code: string; message: string; details: Record<string, unknown> } } | undefined
    try {
      data = text ? (JSON.parse(text) as typeof data) : undefined
    } catch {
      data = undefined
    }
    throw new ApiError(r.status, data?.error?.code ?? 'HTTP', data?.error?.message ?? r.statusText, data?.error?.details ?? {})
  }
  async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const r = await send(method, path, body, headers, 'application/json')
    const text = await r.text()
    const data = text ? (JSON.parse(text) as unknown) : undefined
    if (!r.ok) {
      const e = (data as { error?: { code: string; message: string; details: Record<string, unknown> } } | undefined)?.error
      throw new ApiError(r.status, e?.code ?? 'HTTP', e?.message ?? r.statusText, e?.details ?? {})
    }
    return data as T
  }
  return {
    setCsrf(token: string) {
      csrf = token
    },
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, headers),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
    delete: <T>(path: string) => request<T>('DELETE', path),
    /** A POST whose answer is a file (a PDF made on the server): the bytes as a Blob, or ApiError. */
    async postForBlob(path: string, body?: unknown): Promise<Blob> {
      const r = await send('POST', path, body ?? {}, {}, 'application/pdf, application/json')
      if (!r.ok) return fail(r)
      return r.blob()
    },
  }
}

export type Http = ReturnType<typeof createHttp>
