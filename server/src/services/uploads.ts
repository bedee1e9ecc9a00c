import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { User } from '../auth/roles'
import { randomToken, safeEqual, sha256 } from '../auth/tokens'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { caseForUser } from './cases'
import { stateOf } from './case-store'
import { visibleDepartments } from './org'

/**
 * Uploaded files (ASVS 4.0 V12 / 5.0 V5). The request body IS the file (not multipart), streamed:
 *
 * - Size: Content-Length above `maxUploadBytes` → 413 before reading; counted again while streaming
 *   (chunked bodies) → 413, the temp file removed.
 * - Type: decided by MAGIC BYTES only — PDF (%PDF-), PNG, JPEG. Nothing is written before the type is
 *   known: the first bytes are held in memory until sniffed. A declared Content-Type or file-name
 *   extension that contradicts the content is REFUSED (415, ASVS 5.0 5.2.2): a PNG sent as
 *   "scan.pdf"/application/pdf is not stored; application/octet-stream and names without an
 *   extension are accepted. Zip-based formats (DOCX, OFD, XLSX) are not accepted at all, which
 *   rules out decompression bombs (convert to PDF). Content-Encoding is refused (no server-side inflate).
 * - Images: PNG IHDR / JPEG SOF dimensions must be 1…20000 px a side and ≤ 100 megapixels.
 * - Names: the original name (header X-File-Name, URL-encoded) is REJECTED with 400 if it contains a
 *   path separator, a control character (NUL included), a bidi override, starts with a dot, or is
 *   longer than 200 characters; it is metadata only. Files are stored as `<uploadDir>/<sha256>`
 *   (content-addressed), via a temp file `<uploadDir>/.tmp-<uuid>` (fsync'd, then renamed).
 * - The SHA-256 is computed while streaming. Downloads are attachments with a fixed, encoded
 *   Content-Disposition (RFC 6266), never served from a static folder.
 */
export const accepted = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg', '.jpe'],
} as const
export type Mime = keyof typeof accepted
const MAX_SIDE = 20_000
const MAX_PIXELS = 100_000_000
/** Bytes held before sniffing (JPEG SOF can follow large EXIF / ICC segments). */
const HEAD_BYTES = 1 << 20

const unsupported = (message: string, details: Record<string, unknown> = {}) => new AppError('UNSUPPORTED_MEDIA_TYPE', message, details)
const zipBased = 'zip-based formats (DOCX, OFD, XLSX…) are not accepted; upload a PDF'

/** The type of `head` by its magic bytes, with the image-dimension checks. Throws 415. */
export function sniff(head: Buffer, complete: boolean): Mime {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  if (head.length >= 8 && head.readUInt32BE(0) === 0x89504e47 && head.readUInt32BE(4) === 0x0d0a1a0a) {
    if (head.length < 24 || head.subarray(12, 16).toString('latin1') !== 'IHDR') throw unsupported('the PNG has no IHDR header')
    checkDimensions(head.readUInt32BE(16), head.readUInt32BE(20))
    return 'image/png'
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    const dims = jpegDimensions(head)
    if (!dims) throw unsupported(complete ? 'the JPEG has no frame header' : 'the JPEG frame header is not within the first 1 MB')
    checkDimensions(dims.width, dims.height)
    return 'image/jpeg'
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) throw unsupported(zipBased, { detected: 'application/zip' })
  throw unsupported(`the content is not one of the accepted types (${Object.keys(accepted).join(', ')})`, { detected: 'unknown' })
}

function checkDimensions(width: number, height: number): void {
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS)
    throw unsupported(`image dimensions ${width}×${height} are out of bounds (1–${MAX_SIDE} px a side, ≤ ${MAX_PIXELS / 1e6} MP)`, { width, height })
}

/** Walks JPEG marker segments to the first SOFn frame header. */
function jpegDimensions(b: Buffer): { width: number; height: number } | undefined {
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined
    const marker = b[i + 1] as number
    if (marker === 0xff) {
      i += 1 // fill byte
      continue
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2
      continue
    }
    if (marker === 0xda || marker === 0xd9) return undefined // scan data before any frame header
    const len = b.readUInt16BE(i + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return undefined
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) }
    }
    if (len < 2) return undefined
    i += 2 + len
  }
  return undefined
}

/** Decodes and checks X-File-Name; 400 naming the header. */
export function checkFileName(raw: string | undefined): string {
  const bad = (message: string) => new AppError('VALIDATION_FAILED', `invalid headers: /headers/x-file-name ${message}`, { issues: [{ path: '/headers/x-file-name', message }] })
  if (!raw) throw bad('required: the file name, URL-encoded')
  let name: string
  try {
    name = decodeURIComponent(raw).normalize('NFC').trim()
  } catch {
    throw bad('not valid URL encoding')
  }
  if (!name || name.length > 200) throw bad('1 to 200 characters')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) throw bad('control characters are not allowed')
  if (/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(name)) throw bad('bidirectional override characters are not allowed')
  if (/[/\\]/.test(name) || name.startsWith('.')) throw bad('a bare file name is required: no path separators, no leading dot')
  return name
}

const extOf = (name: string) => (/\.[^.]+$/.exec(name)?.[0] ?? '').toLowerCase()

export interface UploadHeaders {
  name: string | undefined
  type: string
  length: number | undefined
  encoding: string | undefined
  ip: string
}

export interface UploadMeta {
  name: string
  declaredType: string
  declaredLength: number | undefined
  contentEncoding: string | undefined
  ip: string
}

/**
 * Checks everything knowable from the headers, before reading a byte: the public's rate limit
 * (100 uploads per IP per 10 minutes: applicants photograph documents page by page), the declared size, the name, the declared type.
 */
export function precheck(deps: Deps, h: UploadHeaders, user: User | undefined): UploadMeta {
  if (!user && !deps.limiter.hit(`upload:${h.ip}`, 100, 600_000, deps.now())) throw new AppError('TOO_MANY_REQUESTS', 'too many uploads from this address; wait a few minutes')
  const max = deps.config.maxUploadBytes
  if (h.length !== undefined && h.length > max) throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${max} bytes`, { maxBytes: max })
  if (h.length === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty', { issues: [{ path: '/body', message: 'empty' }] })
  const m: UploadMeta = { name: checkFileName(h.name), declaredType: h.type, declaredLength: h.length, contentEncoding: h.encoding, ip: h.ip }
  if (m.contentEncoding && m.contentEncoding !== 'identity') throw unsupported('Content-Encoding is not accepted: send the file as is')
  const t = m.declaredType.split(';')[0]?.trim().toLowerCase() ?? ''
  if (t !== 'application/octet-stream' && !(t in accepted)) throw unsupported(`Content-Type ${t || '(none)'} is not accepted; send the file's type or application/octet-stream`, { declared: t })
  const ext = extOf(m.name)
  if (['.docx', '.ofd', '.xlsx', '.pptx', '.zip'].includes(ext)) throw unsupported(zipBased, { extension: ext })
  if (ext && !Object.values(accepted).some((list) => (list as readonly string[]).includes(ext))) throw unsupported(`files named ${ext} are not accepted`, { extension: ext })
  return m
}

/** Streams the body to a temp file (after sniffing), hashing and counting, then renames it to its SHA-256. */
async function receive(deps: Deps, body: Readable, m: UploadMeta): Promise<{ sha256: string; size: number; mime: Mime }> {
  const max = deps.config.maxUploadBytes
  const dir = deps.config.uploadDir
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const tmp = join(dir, `.tmp-${randomUUID()}`)
  const hash = createHash('sha256')
  let size = 0
  let mime: Mime = 'application/pdf'
  let held: Buffer[] = []
  let heldBytes = 0
  let fh: FileHandle | undefined
  /** Sniffs the held head, checks it against the declared type and extension, and only then opens the temp file. */
  const start = async (complete: boolean): Promise<FileHandle> => {
    const head = Buffer.concat(held)
    mime = sniff(head, complete)
    const declared = m.declaredType.split(';')[0]?.trim().toLowerCase()
    if (declared !== 'application/octet-stream' && declared !== mime) throw unsupported(`the content is ${mime}, not ${declared}`, { detected: mime, declared })
    const ext = extOf(m.name)
    if (ext && !(accepted[mime] as readonly string[]).includes(ext)) throw unsupported(`the content is ${mime}, which does not match the extension ${ext}`, { detected: mime, extension: ext })
    const file = await open(tmp, 'wx', 0o600)
    held = []
    await file.write(head).catch(async (e: unknown) => {
      await file.close()
      throw e
    })
    return file
  }
  try {
    // Not destroyed on an early exit: the socket must live to carry the 4xx answer.
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > max) throw new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${max} bytes`, { maxBytes: max })
      hash.update(chunk)
      if (fh) await fh.write(chunk)
      else {
        held.push(chunk)
        heldBytes += chunk.length
        if (heldBytes >= HEAD_BYTES) fh = await start(false)
      }
    }
    if (size === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty', { issues: [{ path: '/body', message: 'empty' }] })
    const file = fh ?? (await start(true))
    fh = undefined
    try {
      await file.sync()
    } finally {
      await file.close()
    }
    const digest = hash.digest('hex')
    await rename(tmp, join(dir, digest)) // same content, same name: replacing it is harmless
    return { sha256: digest, size, mime }
  } catch (e) {
    await fh?.close().catch(() => undefined)
    await rm(tmp, { force: true })
    body.resume() // discard the rest of a refused body (never stored)
    if (!(e instanceof AppError) && (body.destroyed || (e as { code?: string }).code === 'ECONNRESET')) throw new AppError('BAD_REQUEST', 'the upload was interrupted')
    throw e
  }
}

/** Stores one upload and its row; returns the id and a download token for the uploader (shown once). */
export async function storeUpload(deps: Deps, body: Readable, m: UploadMeta, user: User | undefined) {
  const f = await receive(deps, body, m)
  const id = randomUUID()
  const token = randomToken()
  await deps.db.knex('files').insert({
    id,
    sha256: f.sha256,
    size: f.size,
    mime: f.mime,
    original_name: m.name,
    uploaded_at: deps.now(),
    uploader: user?.id ?? 'public',
    uploader_ip: m.ip,
    token_hash: sha256(token),
  })
  deps.logger.info({ fileId: id, sha256: f.sha256, size: f.size, mime: f.mime, uploader: user?.id ?? 'public' }, 'file uploaded')
  return { fileId: id, sha256: f.sha256, size: f.size, mime: f.mime, name: m.name, downloadToken: token }
}

interface FileRow {
  id: string
  sha256: string
  size: number | string
  mime: Mime
  original_name: string
  uploader: string
  token_hash: string
  case_id: string | null
}

/**
 * A file, for: the uploader (their token, or their account), or a user who sees a case whose
 * materials name the file's SHA-256 (staff of the case's department; supervisors above it).
 * Anyone else gets the same 404 as for an unknown id. Reading has no side effects.
 */
export async function fileFor(deps: Deps, id: string, user: User | undefined, token: string | undefined) {
  const k = deps.db.knex
  const row = (await k('files').where({ id }).first()) as FileRow | undefined
  const notFound = new AppError('NOT_FOUND', `no file ${id}`, { id })
  if (!row) throw notFound
  let allowed = !!token && safeEqual(row.token_hash, sha256(token))
  if (!allowed && user) {
    const visible = await visibleDepartments(deps, user)
    allowed = row.uploader === user.id
    if (!allowed && row.case_id) {
      const linked = (await k('cases').where({ id: row.case_id }).first('department_id')) as { department_id: string } | undefined
      allowed = !!linked && (visible === 'all' || visible.has(linked.department_id))
    }
    if (!allowed) {
      const q = k('cases').where('state', 'like', `%"sha256":"${row.sha256}"%`)
      if (visible !== 'all') q.whereIn('department_id', [...visible])
      allowed = !!(await q.first('id'))
    }
  }
  if (!allowed) throw notFound
  const path = join(deps.config.uploadDir, row.sha256)
  await stat(path).catch(() => {
    throw new Error(`stored file ${row.sha256} is missing`)
  })
  return { row, stream: createReadStream(path) }
}

/** The name a download carries: the original, with the extension of its real type added if it lacks one. */
export const downloadName = (name: string, mime: Mime) => (extOf(name) ? name : `${name}${accepted[mime][0]}`)

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
}

/** The files a case's materials name, matched to stored uploads by SHA-256 (for the case page). */
export async function caseFiles(deps: Deps, user: User, caseId: string) {
  const row = await caseForUser(deps, user, caseId)
  const materials = stateOf(row).materials
  const named = Object.entries(materials).flatMap(([materialId, m]) => (m.files ?? []).map((f) => ({ materialId, name: f.name, sha256: f.sha256 ?? null })))
  const hashes = [...new Set(named.flatMap((n) => (n.sha256 ? [n.sha256] : [])))]
  const rows = (hashes.length ? await deps.db.knex('files').whereIn('sha256', hashes).orderBy('uploaded_at') : []) as FileRow[]
  const byHash = new Map(rows.map((r) => [r.sha256, r]))
  return named.map((n) => {
    const f = n.sha256 ? byHash.get(n.sha256) : undefined
    return { ...n, fileId: f?.id ?? null, mime: f?.mime ?? null, size: f ? Number(f.size) : null }
  })
}
