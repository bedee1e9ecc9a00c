import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { createServer } from 'node:net'

/**
 * Helpers of the server suite: a keep-alive HTTP client (one socket per client), child processes,
 * latency percentiles and CPU accounting. node:http rather than fetch: `undici` does not resolve
 * from bench/, and the built-in fetch adds client-side work on the same 2 cores the server uses.
 */

export interface Reply {
  status: number
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown
  setCookie: string[]
}

/** One simulated user agent: exactly one keep-alive connection, requests in sequence. */
export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 })
  constructor(
    private readonly port: number,
    private readonly host = '127.0.0.1',
  ) {}

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const h: Record<string, string | number> = { ...headers }
    if (payload !== undefined) {
      h['content-type'] = 'application/json'
      h['content-length'] = Buffer.byteLength(payload)
    }
    return new Promise<Reply>((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, method, path, headers: h, agent: this.agent }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let parsed: unknown = text
          if (text && (res.headers['content-type'] ?? '').includes('json'))
            try {
              parsed = JSON.parse(text)
            } catch {
              /* keep the text */
            }
          resolve({ status: res.statusCode ?? 0, body: parsed, setCookie: res.headers['set-cookie'] ?? [] })
        })
      })
      req.on('error', reject)
      if (payload !== undefined) req.write(payload)
      req.end()
    })
  }

  close(): void {
    this.agent.destroy()
  }
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      s.close(() => resolve(port))
    })
  })
}

export interface Child {
  proc: ChildProcess
  /** The last few kB of its stdout + stderr, for error messages. */
  tail(): string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>
}

export function startChild(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Child {
  const proc = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const keep = (c: Buffer) => {
    out = (out + c.toString('utf8')).slice(-8000)
  }
  proc.stdout?.on('data', keep)
  proc.stderr?.on('data', keep)
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve()
    else proc.once('exit', () => resolve())
  })
  return {
    proc,
    tail: () => out,
    async stop(graceMs = 5000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return
      proc.kill('SIGTERM')
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Polls `path` until it answers 200, the child dies, or `timeoutMs` passes. */
export async function waitReady(child: Child, port: number, path: string, timeoutMs: number): Promise<void> {
  const t0 = performance.now()
  const c = new HttpClient(port)
  try {
    for (;;) {
      if (child.proc.exitCode !== null || child.proc.signalCode !== null)
        throw new Error(`child exited (${child.proc.exitCode ?? child.proc.signalCode}) before it was ready:\n${child.tail()}`)
      try {
        if ((await c.request('GET', path)).status === 200) return
      } catch {
        /* not listening yet */
      }
      if (performance.now() - t0 > timeoutMs) throw new Error(`child not ready on :${port}${path} after ${timeoutMs} ms:\n${child.tail()}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    c.close()
  }
}

/** Latency samples in ms, with percentiles by the nearest-rank method. */
export class Latencies {
  private data = new Float64Array(1 << 14)
  private n = 0
  add(ms: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.n++] = ms
  }
  get count(): number {
    return this.n
  }
  percentiles(...ps: number[]): number[] {
    const sorted = this.data.slice(0, this.n).sort()
    return ps.map((p) => (this.n === 0 ? NaN : (sorted[Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1))] as number)))
  }
  max(): number {
    let m = 0
    for (let i = 0; i < this.n; i++) m = Math.max(m, this.data[i] as number)
    return m
  }
}

const CLOCK_TICK_MS = 10 // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) a process has used so far, from /proc; null where there is no /proc. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // fields[0] is field 3 (state); utime is field 14, stime field 15
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS
  } catch {
    return null
  }
}

/**
 * CPU time (ms) of a process's threads: the main thread, and the others summed by name; null
 * without /proc.
 */
export function threadCpuMs(pid: number): Map<string, number> | null {
  try {
    const out = new Map<string, number>()
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).trim()
      // Node 20 leaves its libuv pool and V8 helper threads all named after the process.
      const name = tid === String(pid) ? 'main thread' : comm === 'node' ? 'other threads (libuv pool: SQLite; V8 GC/JIT helpers)' : comm
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(name, (out.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS)
    }
    return out
  } catch {
    return null
  }
}

/** CPU time of the whole machine (all cores, ms) spent outside idle/iowait, and the wall-clock share of it. */
export function machineBusyMs(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
    const v = line.trim().split(/\s+/).slice(1).map(Number)
    const total = v.reduce((a, b) => a + b, 0)
    const idle = (v[3] ?? 0) + (v[4] ?? 0)
    return { busy: (total - idle) * CLOCK_TICK_MS, total: total * CLOCK_TICK_MS }
  } catch {
    return null
  }
}
