import { describe, expect, it } from 'vitest'
import { ApiError, createHttp } from '../src/index'

type Call = { url: string; init: RequestInit }

function fakeFetch(status: number, body: unknown, calls: Call[]): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return new Response(body === undefined ? '' : JSON.stringify(body), { status })
  }) as unknown as typeof fetch
}

describe('api-client/http', () => {
  it('should send the CSRF token on state-changing calls only', async () => {
    const calls: Call[] = []
    const http = createHttp({ fetch: fakeFetch(200, { ok: true }, calls) })
    http.setCsrf('token-1')
    await http.get('/api/a')
    await http.post('/api/b', { x: 1 })
    expect((calls[0]?.init.headers as Record<string, string>)['x-csrf-token']).toBeUndefined()
    expect((calls[1]?.init.headers as Record<string, string>)['x-csrf-token']).toBe('token-1')
    expect(calls[1]?.init.body).toBe('{"x":1}')
  })

  it('should turn the error envelope into an ApiError with the field paths it named', async () => {
    const http = createHttp({ fetch: fakeFetch(400, { error: { code: 'VALIDATION_FAILED', message: 'bad', details: { issues: [{ path: '/body/form/area' }] } } }, []) })
    const e = (await http.post('/api/x').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(400)
    expect(e.code).toBe('VALIDATION_FAILED')
    expect(e.fieldPaths).toEqual(['form/area'])
  })

  it('should return a file answer as a Blob, with the CSRF header', async () => {
    const calls: Call[] = []
    const http = createHttp({ fetch: (async (url: string, init: RequestInit) => (calls.push({ url, init }), new Response(new Uint8Array([37, 80, 68, 70, 45]), { status: 200, headers: { 'content-type': 'application/pdf' } }))) as unknown as typeof fetch })
    http.setCsrf('t')
    const blob = await http.postBlob('/api/p', { form: {} })
    expect(blob.type).toBe('application/pdf')
    expect(new TextDecoder().decode(await blob.arrayBuffer())).toBe('%PDF-')
    expect((calls[0]?.init.headers as Record<string, string>)['x-csrf-token']).toBe('t')
  })

  it('should turn an error answer to a file request into an ApiError', async () => {
    const http = createHttp({ fetch: fakeFetch(404, { error: { code: 'NOT_FOUND', message: 'no template', details: {} } }, []) })
    const e = (await http.postBlob('/api/p', {}).catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('NOT_FOUND')
  })
})
