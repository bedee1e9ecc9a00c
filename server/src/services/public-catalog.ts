import { appliesOnline, type PowerItemDefinition } from '@sunlight/definition'
import type { Deps } from '../deps'
import { AppError } from '../errors'
import { staffFields } from './cases'
import { currentPublished } from './items-store'

/** One published item as the public sees it (GET /api/catalog/:key, and the data the hall's item pages carry inline). */
export async function publicEntry(deps: Deps, key: string) {
  const { definition: d } = await currentPublished(deps, key).catch(() => {
    throw new AppError('NOT_FOUND', `no published item "${key}"`, { key })
  })
  return {
    key: d.key,
    version: d.version,
    item: d.item,
    /** false for 依职权 items (penalties, coercive measures, inspections): no online application. */
    appliesOnline: appliesOnline(d.item.category),
    form: d.form,
    /** Fields staff fill in while handling: the hall does not ask the applicant for them. */
    staffFields: [...staffFields(d)],
    flow: publicFlow(d),
    documents: d.documents.filter((x) => x.toApplicant).map((x) => ({ id: x.id, kind: x.kind, title: x.title })),
  }
}

export type PublicEntry = Awaited<ReturnType<typeof publicEntry>>

/** The 外部流程图: public steps under their public names; internal steps are not shown. */
function publicFlow(d: PowerItemDefinition) {
  return {
    steps: d.flow.nodes
      .filter((n) => n.type === 'step' && n.public)
      .map((n) => (n.type === 'step' ? { id: n.id, name: n.publicName ?? n.name, limit: n.limit } : null)),
  }
}
