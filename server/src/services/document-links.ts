import { createHmac, randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { safeEqual } from '../auth/tokens'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { caseByNumberAndCode } from './cases'
import { documentSummary, findDocument, SUMMARY_COLUMNS, type DocumentRow, type SummaryRow } from './document-store'

/** How long a public download link works. */
export const LINK_TTL_MS = 10 * 60_000

const SECRET_KEY = 'documents.linkSecret'
const secrets = new WeakMap<Knex, string>()

/** The server's key for download links: made once, kept in `settings` so every process shares it. */
async function linkSecret(k: Knex): Promise<string> {
  const known = secrets.get(k)
  if (known) return known
  await k('settings').insert({ key: SECRET_KEY, value: JSON.stringify(randomBytes(32).toString('base64url')) }).onConflict('key').ignore()
  const row = (await k('settings').where({ key: SECRET_KEY }).first()) as { value: string }
  const secret = JSON.parse(row.value) as string
  secrets.set(k, secret)
  return secret
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')

/** A token naming one document, valid until `exp`: `<docId>.<exp>.<hmac>`. Carries no password. */
export async function linkToken(deps: Deps, docId: string, exp: number): Promise<string> {
  return `${docId}.${exp}.${mac(await linkSecret(deps.db.knex), `${docId}.${exp}`)}`
}

export const TOKEN_PATTERN = /^[0-9a-f-]{36}\.\d{1,15}\.[A-Za-z0-9_-]{43}$/

/**
 * The applicant's documents: those the definition delivers to the applicant (`toApplicant`), not
 * superseded, for the case number + query password (rate-limited; unknown number and wrong
 * password answer alike). Each comes with short-lived links that need no password.
 */
export async function applicantDocuments(deps: Deps, caseNo: string, queryCode: string, ip: string) {
  const { row } = await caseByNumberAndCode(deps, caseNo, queryCode, ip)
  const docs = (await deps.db.knex('documents').where({ case_id: row.id }).whereNull('superseded_by').orderBy('issued_at').orderBy('seq').select(...SUMMARY_COLUMNS)) as SummaryRow[]
  const exp = deps.now() + LINK_TTL_MS
  return {
    caseNo: row.case_no,
    linksExpireAt: exp,
    documents: await Promise.all(
      docs
        .filter((d) => Boolean(d.to_applicant))
        .map(async (d) => {
          const s = documentSummary(d)
          const token = await linkToken(deps, d.id, exp)
          return {
            id: s.id,
            kind: s.kind,
            kindName: s.kindName,
            title: s.title,
            docNo: s.docNo,
            issuedAt: s.issuedAt,
            pdfUrl: `/api/hall/documents/file?format=pdf&token=${token}`,
            htmlUrl: `/api/hall/documents/file?format=html&token=${token}`,
          }
        }),
    ),
  }
}

/** The document a download link names, if the link is genuine, unexpired, and the document still delivered to the applicant. */
export async function documentByToken(deps: Deps, token: string): Promise<DocumentRow> {
  const gone = () => new AppError('NOT_FOUND', 'this download link is invalid or has expired; look the case up again for a new one')
  const [docId, exp, sig] = token.split('.') as [string, string, string]
  if (!safeEqual(sig, mac(await linkSecret(deps.db.knex), `${docId}.${exp}`)) || Number(exp) < deps.now()) throw gone()
  const doc = await findDocument(deps.db.knex, docId)
  if (!doc || !doc.to_applicant || doc.superseded_by) throw gone()
  return doc
}
