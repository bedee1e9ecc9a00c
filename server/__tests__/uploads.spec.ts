import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Client, type TestServer } from './harness'

let t: TestServer
const T0 = Date.parse('2026-03-02T09:00:00+08:00')
beforeAll(async () => {
  t = await startServer({ now: T0 })
})
afterAll(async () => t.close())

// ---- real files, built byte by byte -------------------------------------------------------------

function crc32(buf: Buffer): number {
  let crc = 0xffffffff
  for (const byte of buf) {
    let c = (crc ^ byte) & 0xff
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    crc = (crc >>> 8) ^ c
  }
  return (crc ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A decodable RGB PNG of w×h red pixels; `declared` overrides the IHDR size (the pixels stay w×h). */
function png(w: number, h: number, declared?: { w: number; h: number }): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(declared?.w ?? w, 0)
  ihdr.writeUInt32BE(declared?.h ?? h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit, truecolour, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, Buffer.from([255, 0, 0]))])
  const raw = Buffer.concat(Array.from({ length: h }, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))])
}

/** A one-page PDF with a correct cross-reference table. */
function pdf(text = 'Sunlight'): Buffer {
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** A baseline JPEG header (SOI, JFIF APP0, SOF0) declaring w×h. */
function jpeg(w: number, h: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])])
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

// ---- helpers ------------------------------------------------------------------------------------

interface UploadReply {
  status: number
  body: {
    fileId: string
    sha256: string
    size: number
    mime: string
    name: string
    downloadToken: string
    error: { code: string; details: { issues: { path: string }[]; detected?: string; declared?: string; extension?: string } }
  }
}

async function upload(bytes: Buffer | ReadableStream<Uint8Array>, type: string, name: string | null, as?: Client, extra: Record<string, string> = {}): Promise<UploadReply> {
  const headers: Record<string, string> = { 'content-type': type, ...extra }
  if (name !== null) headers['x-file-name'] = encodeURIComponent(name)
  if (as) {
    headers.cookie = as.cookie
    headers['x-csrf-token'] = as.csrf
  }
  const init = { method: 'POST', headers, body: bytes, duplex: 'half' } as RequestInit
  const r = await fetch(`${t.url}/api/uploads`, init)
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : undefined }
}

/** Every file under the upload folder (temp files included). */
async function onDisk(): Promise<string[]> {
  try {
    return (await readdir(t.deps.config.uploadDir, { recursive: true })).map(String).sort()
  } catch {
    return []
  }
}

/** Asserts that a refused upload left nothing behind. */
async function refusedWithNothingStored(send: () => Promise<UploadReply>, status: number): Promise<UploadReply> {
  const before = await onDisk()
  const r = await send()
  expect(r.status, JSON.stringify(r.body)).toBe(status)
  expect(await onDisk()).toEqual(before)
  return r
}

async function download(id: string, opts: { token?: string; as?: Client } = {}) {
  const headers: Record<string, string> = {}
  if (opts.as) headers.cookie = opts.as.cookie
  const r = await fetch(`${t.url}/api/files/${id}${opts.token ? `?token=${opts.token}` : ''}`, { headers })
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) }
}

// ---- tests --------------------------------------------------------------------------------------

describe('server/uploads: storing', () => {
  it('should store a real PDF under its SHA-256, computed while streaming, and give it back to the uploader', async () => {
    const bytes = pdf()
    const r = await upload(bytes, 'application/pdf', '营业执照 副本.pdf')
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ sha256: sha(bytes), size: bytes.length, mime: 'application/pdf', name: '营业执照 副本.pdf' })
    expect(r.body.fileId).toMatch(/^[0-9a-f-]{36}$/)
    expect(await readFile(join(t.deps.config.uploadDir, sha(bytes)))).toEqual(bytes)
    const row = await t.deps.db.knex('files').where({ id: r.body.fileId }).first()
    expect(row).toMatchObject({ sha256: sha(bytes), mime: 'application/pdf', original_name: '营业执照 副本.pdf', uploader: 'public', case_id: null, material_id: null })
    expect(row.token_hash).not.toBe(r.body.downloadToken)

    const d = await download(r.body.fileId, { token: r.body.downloadToken })
    expect(d.status).toBe(200)
    expect(d.bytes).toEqual(bytes)
    expect(d.headers.get('content-type')).toBe('application/pdf')
    expect(d.headers.get('content-disposition')).toBe(`attachment; filename="____ __.pdf"; filename*=UTF-8''${encodeURIComponent('营业执照 副本.pdf')}`)
    expect(d.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await download(r.body.fileId)).status).toBe(404)
    expect((await download(r.body.fileId, { token: 'A'.repeat(43) })).status).toBe(404)
  })

  it('should store a real PNG and a JPEG, typed by their content', async () => {
    const image = png(2, 2)
    const r = await upload(image, 'image/png', 'photo.png')
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ sha256: sha(image), size: image.length, mime: 'image/png' })
    const photo = jpeg(16, 16)
    const j = await upload(photo, 'application/octet-stream', '证件照.JPG')
    expect(j.body).toMatchObject({ mime: 'image/jpeg', sha256: sha(photo) })
  })

  it('should refuse a PNG renamed to .pdf and sent as application/pdf (declared type and extension must match the content)', async () => {
    const r = await refusedWithNothingStored(() => upload(png(3, 3), 'application/pdf', 'scan.pdf'), 415)
    expect(r.body.error.details).toMatchObject({ detected: 'image/png', declared: 'application/pdf' })
    const ext = await refusedWithNothingStored(() => upload(png(3, 3), 'application/octet-stream', 'scan.pdf'), 415)
    expect(ext.body.error.details).toMatchObject({ detected: 'image/png', extension: '.pdf' })
  })

  it('should accept content of an accepted type sent as octet-stream without an extension, and name the download by its real type', async () => {
    const image = png(4, 4)
    const r = await upload(image, 'application/octet-stream', 'scan')
    expect(r.body.mime).toBe('image/png')
    const d = await download(r.body.fileId, { token: r.body.downloadToken })
    expect(d.headers.get('content-type')).toBe('image/png')
    expect(d.headers.get('content-disposition')).toContain('filename="scan.png"')
  })

  it('should refuse an EXE or an HTML page declared as image/png, writing nothing', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200), Buffer.from('This program cannot be run in DOS mode.')])
    await refusedWithNothingStored(() => upload(exe, 'image/png', 'photo.png'), 415)
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')
    const r = await refusedWithNothingStored(() => upload(html, 'image/png', 'photo.png'), 415)
    expect(r.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    await refusedWithNothingStored(() => upload(html, 'text/html', 'page.html'), 415)
  })

  it('should refuse zip-based formats (DOCX, OFD) by extension and by content', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)])
    await refusedWithNothingStored(() => upload(zip, 'application/octet-stream', '申请书.docx'), 415)
    const r = await refusedWithNothingStored(() => upload(zip, 'application/octet-stream', '申请书'), 415)
    expect(r.body.error.details.detected).toBe('application/zip')
  })

  it('should refuse images with absurd declared dimensions', async () => {
    await refusedWithNothingStored(() => upload(png(1, 1, { w: 30000, h: 10 }), 'image/png', 'wide.png'), 415)
    await refusedWithNothingStored(() => upload(png(1, 1, { w: 15000, h: 15000 }), 'image/png', 'huge.png'), 415)
    await refusedWithNothingStored(() => upload(jpeg(25000, 100), 'image/jpeg', 'wide.jpg'), 415)
  })

  it('should refuse a body larger than maxUploadBytes by its Content-Length, storing nothing', async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(t.deps.config.maxUploadBytes)])
    const r = await refusedWithNothingStored(() => upload(big, 'application/pdf', 'big.pdf'), 413)
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('should stop a streamed (chunked) body once it passes the limit and remove the temp file', async () => {
    const limit = t.deps.config.maxUploadBytes
    t.deps.config.maxUploadBytes = 1_500_000 // above the 1 MB sniffing window, so a temp file exists when the limit is hit
    try {
      const head = png(8, 8)
      let sent = 0
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const chunk = sent === 0 ? head : Buffer.alloc(64 * 1024, 7)
          sent += chunk.length
          controller.enqueue(chunk)
          if (sent > 3_000_000) controller.close()
        },
      })
      await refusedWithNothingStored(() => upload(body, 'image/png', 'stream.png'), 413)
    } finally {
      t.deps.config.maxUploadBytes = limit
    }
  })

  it('should reject path traversal, control characters, bidi overrides and hidden names with 400 naming the header', async () => {
    for (const name of ['../../etc/passwd', '..\\..\\boot.ini', 'a\u0000.pdf', 'line\nbreak.pdf', '.htaccess', 'invoice\u202Efdp.exe', 'x'.repeat(201)]) {
      const r = await refusedWithNothingStored(() => upload(pdf(), 'application/pdf', name), 400)
      expect(r.body.error.details.issues[0]?.path, name).toBe('/headers/x-file-name')
    }
    const malformed = await refusedWithNothingStored(() => upload(pdf(), 'application/pdf', null, undefined, { 'x-file-name': '%E0%A4%A' }), 400)
    expect(malformed.body.error.details.issues[0]?.path).toBe('/headers/x-file-name')
    await refusedWithNothingStored(() => upload(pdf(), 'application/pdf', null), 400)
    await refusedWithNothingStored(() => upload(Buffer.alloc(0), 'application/pdf', 'empty.pdf'), 400)
    await refusedWithNothingStored(() => upload(pdf(), 'application/pdf', 'a.pdf', undefined, { 'content-encoding': 'gzip' }), 415)
  })
})

describe('server/uploads: access', () => {
  it("should let staff of the case's department download a file its materials name, and nobody else", async () => {
    const bytes = pdf('application form')
    const up = await upload(bytes, 'application/pdf', '申请书.pdf')
    const form = {
      orgName: '成都市佛教协会',
      orgCreditCode: '11510000008231760L',
      legalRep: '释某某',
      contactPhone: '028-86001234',
      venueName: '龙泉驿区某某寺',
      venueType: 'temple',
      religion: '佛教',
      address: '成都市龙泉驿区某某镇某某村',
      area: 1200,
    }
    const applied = await t.anonymous().post('/api/hall/applications', {
      itemKey: 'religious-venue-preparation',
      applicant: { name: '成都市佛教协会' },
      form,
      materials: { application: { provided: true, files: [{ name: '申请书.pdf', sha256: up.body.sha256 }] } },
    })
    expect(applied.status).toBe(201)

    const window = await t.as('window')
    const files = await window.get(`/api/files?caseId=${applied.body.caseId}`)
    expect(files.status).toBe(200)
    expect(files.body).toEqual([{ materialId: 'application', name: '申请书.pdf', sha256: up.body.sha256, fileId: expect.any(String), mime: 'application/pdf', size: bytes.length }])
    const d = await download(files.body[0].fileId, { as: window })
    expect(d.status).toBe(200)
    expect(sha(d.bytes)).toBe(up.body.sha256)

    expect((await download(up.body.fileId, { as: await t.as('cd-window') })).status).toBe(404)
    expect((await (await t.as('cd-window')).get(`/api/files?caseId=${applied.body.caseId}`)).status).toBe(404)
    expect((await download(up.body.fileId, { as: await t.as('supervisor') })).status).toBe(200)
    expect((await t.anonymous().get(`/api/files?caseId=${applied.body.caseId}`)).status).toBe(401)
    expect((await t.anonymous().get('/api/files/not-a-uuid')).status).toBe(400)
  })

  it('should let staff upload with their session (CSRF checked) and download their own file', async () => {
    const window = await t.as('window')
    const image = png(5, 5)
    const r = await upload(image, 'image/png', '现场照片.png', window)
    expect(r.status).toBe(201)
    expect((await t.deps.db.knex('files').where({ id: r.body.fileId }).first()).uploader).toBe('window')
    expect((await download(r.body.fileId, { as: window })).status).toBe(200)
    const forged = await upload(image, 'image/png', 'x.png', Object.assign(Object.create(Object.getPrototypeOf(window)), window, { csrf: 'wrong' }))
    expect(forged.status).toBe(403)
  })

  it('should rate-limit public uploads per address', async () => {
    t.setNow(T0 + 86_400_000) // a fresh window
    try {
      const statuses: number[] = []
      for (let i = 0; i < 101; i++) statuses.push((await upload(png(1, 1), 'image/png', 'dot.png')).status)
      expect(statuses.slice(0, 100).every((s) => s === 201)).toBe(true)
      expect(statuses[100]).toBe(429)
    } finally {
      t.setNow(T0)
    }
  })
})
