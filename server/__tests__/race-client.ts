import { Agent, request } from 'node:http'

/**
 * A bare HTTP client on its own keep-alive agent (one socket): two of them are two browsers. Used to
 * release two prepared requests at the same instant (Promise.all), each on its own connection.
 */
export class RawClient {
  readonly agent = new Agent({ keepAlive: true, maxSockets: 1 })
  constructor(
    readonly base: string,
    readonly cookie: string,
    readonly csrf: string,
  ) {}

  /** Prepares a POST and returns a function that sends it: build first, fire later. */
  preparePost(path: string, body: unknown, headers: Record<string, string> = {}): () => Promise<{ status: number; body: any }> {
    const payload = Buffer.from(JSON.stringify(body))
    const url = new URL(path, this.base)
    const h = { 'content-type': 'application/json', 'content-length': String(payload.length), cookie: this.cookie, 'x-csrf-token': this.csrf, ...headers }
    return () =>
      new Promise((resolve, reject) => {
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: this.agent, headers: h }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined })
          })
          res.on('error', reject)
        })
        req.on('error', reject)
        req.end(payload)
      })
  }

  close(): void {
    this.agent.destroy()
  }
}
