import { documentTemplateSchema, powerItemDefinitionSchema } from '@sunlight/definition'
import type { User } from '../auth/roles'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { renderPdf } from './document-pdf'
import { chineseDate, formatDocNo, itemFactsOf, renderContent, renderHtml, withBanner } from './document-render'
import { parseJson, versionsOf, visibleItem } from './governance-model'

export const PREVIEW_BANNER = '样稿 · 仅供设计预览，不是正式文书'

export interface PreviewInput {
  /** Sample application data (the designer's sample form); substituted as text, never executed. */
  form: Record<string, unknown>
  /** Sample case facts (`{{case.x}}`); the designer's sample case. */
  case: Record<string, string | number>
  format: 'pdf' | 'html'
}

/**
 * A document template of the item's version in progress (the draft, else the latest version),
 * rendered with sample data exactly as issuing renders it (renderContent → HTML / pdfmake), under
 * a 样稿 banner and with sequence number 1, so a preview can never pass for an issued document.
 * Nothing is stored and no number is taken. The draft may have semantic errors (it is work in
 * progress) but must be well formed (structure), and the template must exist in it.
 */
export async function previewDraftDocument(deps: Deps, user: User, key: string, templateId: string, input: PreviewInput) {
  const item = await visibleItem(deps, user, key)
  const versions = await versionsOf(deps.db.knex, key)
  const row = versions.find((v) => v.status === 'draft') ?? versions[versions.length - 1]
  if (!row) throw new AppError('NOT_FOUND', `"${key}" has no version`, { key })
  const parsed = powerItemDefinitionSchema.safeParse(parseJson(row.definition))
  if (!parsed.success)
    throw new AppError('UNPROCESSABLE', `version ${row.version} of "${key}" is not well formed yet; fix its structure before previewing documents`, {
      key,
      version: Number(row.version),
      issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: `/definition/${i.path.join('/')}`, message: i.message })),
    })
  const def = parsed.data
  const template = def.documents.find((d) => d.id === templateId)
  if (!template || !documentTemplateSchema.safeParse(template).success)
    throw new AppError('NOT_FOUND', `version ${row.version} of "${key}" has no document template "${templateId}"`, { key, templateId, issues: [{ path: '/params/templateId', message: 'no such template' }] })
  const today = deps.calendar.dayOf(deps.now())
  const docNo = formatDocNo(template.numberPattern, { dept: item.department_id, year: Number(today.slice(0, 4)), seq: 1 })
  const content = renderContent(def, template, { form: input.form, case: input.case, item: itemFactsOf(def) }, { docNo, date: chineseDate(today) })
  const name = encodeURIComponent(`${template.title}-样稿.${input.format}`)
  return {
    version: Number(row.version),
    type: input.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    disposition: `inline; filename*=UTF-8''${name}`,
    body: input.format === 'pdf' ? await renderPdf(content, deps.now(), PREVIEW_BANNER) : withBanner(renderHtml(content), PREVIEW_BANNER),
  }
}
