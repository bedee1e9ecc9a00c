import type { ReviewPart } from '../../../api'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Labels of definition keys, in the user's words (zh; en is used when `en` is true). */
const KEYS: Record<string, [string, string]> = {
  schemaVersion: ['定义格式版本', 'Schema version'], key: ['事项标识', 'Item key'], supplementNotice: ['补正告知时限', 'Supplement notice'], supplementDue: ['补正期限', 'Supplement due'],
  item: ['事项要素', 'Item'], name: ['名称', 'Name'], category: ['权力类别', 'Category'], basicCode: ['基本编码', 'Basic code'], implCode: ['实施编码', 'Implementation code'],
  exerciseLevel: ['行使层级', 'Level'], legalBasis: ['设定依据', 'Legal basis'], law: ['法律法规', 'Law'], article: ['条款', 'Article'], text: ['条文', 'Text'],
  department: ['实施主体', 'Implementing body'], handlingUnit: ['承办机构', 'Handling unit'], creditCode: ['信用代码', 'Credit code'], nature: ['主体性质', 'Nature'],
  serviceObjects: ['服务对象', 'Service objects'], acceptanceConditions: ['受理条件', 'Acceptance conditions'], materials: ['申请材料', 'Materials'], fees: ['收费', 'Fees'],
  statutoryLimit: ['法定时限', 'Statutory limit'], promisedLimit: ['承诺时限', 'Promised limit'], value: ['数值', 'Value'], unit: ['单位', 'Unit'], caseType: ['办件类型', 'Case type'],
  locations: ['办理地点', 'Locations'], consultationPhone: ['咨询电话', 'Consultation phone'], supervisionPhone: ['监督电话', 'Supervision phone'], faq: ['常见问题', 'FAQ'],
  responsibilities: ['责任清单', 'Responsibilities'], handlingForms: ['办理形式', 'Handling forms'], mandatory: ['是否必交', 'Mandatory'], originals: ['原件份数', 'Originals'], copies: ['复印件份数', 'Copies'],
  form: ['申请表单', 'Form'], properties: ['字段', 'Fields'], title: ['标题', 'Title'], required: ['必填', 'Required'], enum: ['选项', 'Options'], 'x-reactions': ['联动规则', 'Linkage'], 'x-validator': ['校验规则', 'Validation'],
  flow: ['流程', 'Flow'], nodes: ['环节', 'Nodes'], edges: ['连线', 'Edges'], post: ['岗位', 'Post'], limit: ['环节时限', 'Step limit'], operations: ['允许操作', 'Operations'],
  opinionRequired: ['必填意见', 'Opinion required'], fieldPermissions: ['字段权限', 'Field permissions'], documents: ['文书', 'Documents'], public: ['公开', 'Public'], publicName: ['公开名称', 'Public name'],
  condition: ['条件', 'Condition'], default: ['默认分支', 'Default branch'], separationOfDuties: ['不相容岗位', 'Separation of duties'], layout: ['流程图布局', 'Layout'],
  timeLimits: ['时限规则', 'Time limits'], specialProcedures: ['特别程序', 'Special procedures'], extension: ['延期', 'Extension'], warnings: ['预警阈值', 'Warning thresholds'],
  monitoringPoints: ['监察点', 'Monitoring points'], riskPoints: ['风险点', 'Risk points'], expression: ['表达式', 'Expression'], level: ['级别', 'Level'], measures: ['防控措施', 'Measures'],
  discretion: ['裁量基准', 'Discretion'], grades: ['裁量等级', 'Grades'], fine: ['罚款', 'Fine'], body: ['正文', 'Body'], numberPattern: ['文号规则', 'Number pattern'], result: ['办结结果', 'Result'],
}

function nameOf(v: unknown): string | undefined {
  if (!isObj(v)) return undefined
  for (const k of ['name', 'title', 'duty', 'violation', 'law', 'item', 'question', 'description']) if (typeof v[k] === 'string' && v[k]) return String(v[k]).slice(0, 30)
  return typeof v.id === 'string' ? v.id : undefined
}

/**
 * A readable label for a JSON pointer of a definition: `/item/materials/2/name` → 申请材料「营业执照」› 名称.
 * Array elements are named by their own name (or title, id…) in `doc`.
 */
export function pointerLabel(path: string, doc: unknown, en = false): string {
  const segs = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  const parts: string[] = []
  let cur: unknown = doc
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as string
    const next = Array.isArray(cur) ? cur[Number(seg)] : isObj(cur) ? cur[seg] : undefined
    if (Array.isArray(cur)) {
      const n = nameOf(next)
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}「${n ?? Number(seg) + 1}」`
    } else if (segs[i - 1] === 'properties' || segs[i - 1] === 'fieldPermissions') {
      const title = isObj(next) && typeof next.title === 'string' ? next.title : seg
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''}「${title}」`
    } else {
      const k = KEYS[seg]
      parts.push(k ? (en ? k[1] : k[0]) : seg)
    }
    cur = next
  }
  return parts.filter((p) => p !== '').join(' › ')
}

/** A short text for a before/after value. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '—'
  if (v === null) return 'null'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  if (Array.isArray(v)) return v.every((x) => !isObj(x) && !Array.isArray(x)) ? v.join('、') : v.map((x) => nameOf(x) ?? formatValue(x)).join('；')
  if (isObj(v) && 'value' in v && 'unit' in v) return `${v.value} ${v.unit === 'workdays' ? '个工作日' : '日'}`
  if (isObj(v) && Array.isArray(v.nodes)) {
    const names = (v.nodes as unknown[]).map((x) => nameOf(x) ?? '?')
    return `${names.length} 个节点：${names.join(' → ')}；${Array.isArray(v.edges) ? v.edges.length : 0} 条连线`
  }
  const n = nameOf(v)
  const fields = Object.entries(v as Obj)
    .filter(([k, x]) => x !== undefined && k !== 'id')
    .slice(0, 6)
    .map(([k, x]) => `${KEYS[k]?.[0] ?? k}：${brief(x)}`)
    .join('；')
  return n ? `${n}（${fields}）` : fields
}

function brief(x: unknown): string {
  if (x === null || typeof x !== 'object') return x === undefined ? '—' : typeof x === 'boolean' ? (x ? '是' : '否') : String(x).slice(0, 40)
  if (Array.isArray(x)) return x.length === 0 ? '无' : x.every((y) => !isObj(y)) ? x.join('、').slice(0, 40) : `${x.length} 项`
  if ('value' in x && 'unit' in x) return formatValue(x)
  return nameOf(x) ?? '{…}'
}

export const reviewParts: readonly ReviewPart[] = ['basicInfo', 'publicFlow', 'internalFlow', 'discretion']
