import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { DocumentContent } from './document-render'

/** The committed OFL font subset (assets/fonts/README.md). Nothing is read from the system. */
export const fontDir = fileURLToPath(new URL('../../assets/fonts/', import.meta.url))
const fontFile = `${fontDir}NotoSansSC-GB2312.otf`

type PdfMake = typeof import('pdfmake')
let loaded: Promise<PdfMake> | undefined
/**
 * pdfmake, loaded on the first render (not at start-up: a restarted server must answer within 2 s).
 * It is a process-wide singleton: one font, no network, no file outside the font folder.
 */
function pdfmakeOnce(): Promise<PdfMake> {
  loaded ??= import('pdfmake').then((m) => {
    // A CommonJS module: its exports are the namespace's default (the types describe them as named).
    const pdfmake = ((m as unknown as { default?: PdfMake }).default ?? m) as PdfMake
    pdfmake.setFonts({ NotoSansSC: { normal: fontFile, bold: fontFile, italics: fontFile, bolditalics: fontFile } })
    pdfmake.setUrlAccessPolicy(() => false)
    pdfmake.setLocalAccessPolicy((p: string) => p.startsWith(fontDir))
    return pdfmake
  })
  return loaded
}

let covered: Set<number> | undefined
/** Code points the font can draw (charset.txt is the subset's exact character list). */
function coverage(): Set<number> {
  covered ??= new Set([...readFileSync(`${fontDir}charset.txt`, 'utf-8')].map((c) => c.codePointAt(0) as number))
  return covered
}

/** Replacement for a character the font lacks: 〓, the printer's mark for a missing character. */
export const MISSING_MARK = '〓'

/** Characters of the content the PDF font cannot draw (each once, in order of appearance). */
export function missingGlyphs(c: DocumentContent): string[] {
  const cov = coverage()
  const all = [c.title, c.docNo, c.department, c.date, ...c.paragraphs.map((p) => p.text)].join('')
  return [...new Set([...all].filter((ch) => !cov.has(ch.codePointAt(0) as number)))]
}

/** The text with each character the font lacks replaced by 〓 (line breaks are kept: pdfmake breaks the line). */
export const drawable = (s: string) => {
  const cov = coverage()
  return [...s].map((ch) => (ch === '\n' || cov.has(ch.codePointAt(0) as number) ? ch : MISSING_MARK)).join('')
}

export const mm = (v: number) => (v * 72) / 25.4

/**
 * The pdfmake definition: A4 with the GB/T 9704 margins, the same layout as the HTML page. A
 * `banner` (the designer's 样稿 preview) is printed in red above the title, with 样稿 across every page.
 */
export function pdfDefinition(c: DocumentContent, issuedAt: number, banner?: string): TDocumentDefinitions {
  const body: Content[] = c.paragraphs.map((p) => ({ text: drawable(p.text), leadingIndent: p.addressee ? 0 : 32, margin: [0, 0, 0, 2] }))
  return {
    pageSize: 'A4',
    pageMargins: [mm(28), mm(37), mm(26), mm(35)],
    info: { title: `${c.title} ${c.docNo}`, author: c.department, subject: c.docNo, creator: 'Sunlight', producer: 'Sunlight', creationDate: new Date(issuedAt) },
    defaultStyle: { font: 'NotoSansSC', fontSize: 16, lineHeight: 1.45 },
    ...(banner ? { watermark: { text: drawable('样稿'), color: '#c0392b', opacity: 0.1, fontSize: 150, angle: -35 } } : {}),
    content: [
      ...(banner ? [{ text: drawable(banner), color: '#c0392b', fontSize: 12, alignment: 'center' as const, margin: [0, 0, 0, mm(4)] as [number, number, number, number] }] : []),
      { text: drawable(c.title), fontSize: 22, alignment: 'center', margin: [0, 0, 0, mm(6)] },
      { text: drawable(c.docNo), alignment: 'right', margin: [0, 0, 0, mm(8)] },
      ...body,
      { stack: [drawable(c.department), drawable(c.date)], alignment: 'right', margin: [0, mm(14), 0, 0], unbreakable: true },
    ],
    footer: (page: number, pages: number) => (pages > 1 ? { text: `— ${page} / ${pages} —`, alignment: 'center', fontSize: 10, margin: [0, mm(12), 0, 0] } : ''),
  }
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * Renders a document to PDF bytes with the committed font. Renders run one at a time (each parses
 * the 3 MB font; in parallel they would only compete for the one thread and for memory).
 */
export function renderPdf(c: DocumentContent, issuedAt: number, banner?: string): Promise<Buffer> {
  return renderDefinition(pdfDefinition(c, issuedAt, banner))
}

/** Any pdfmake definition (font NotoSansSC), rendered in the same one-at-a-time queue. */
export function renderDefinition(d: TDocumentDefinitions): Promise<Buffer> {
  const run = queue.then(async () => (await pdfmakeOnce()).createPdf(d).getBuffer() as Promise<Buffer>)
  queue = run.catch(() => undefined)
  return run
}
