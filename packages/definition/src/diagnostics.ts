/**
 * Authoring mistakes are data. Each diagnostic names a code, a JSON pointer into the
 * definition, and a message in English and Chinese, so the designer can highlight the exact
 * node or field and show the message in the user's locale.
 */
export type Severity = 'error' | 'warning'

export interface Diagnostic {
  code: DiagnosticCode
  severity: Severity
  /** JSON pointer (RFC 6901) into the definition, e.g. "/flow/nodes/3/post". */
  path: string
  /** English message. */
  message: string
  /** Chinese message (zh-CN). */
  messageZh: string
}

type Params = Record<string, string | number>
type Msg = { severity: Severity; en: (p: Params) => string; zh: (p: Params) => string }

const m = (severity: Severity, en: (p: Params) => string, zh: (p: Params) => string): Msg => ({ severity, en, zh })

export const diagnosticMessages = {
  'structure.invalid': m('error', (p) => `${p.detail}`, (p) => `格式错误：${p.detailZh}`),
  'structure.required': m('error', (p) => `"${p.field}" is required`, (p) => `缺少必填项“${p.field}”`),
  'structure.unknown_key': m('error', (p) => `unknown property "${p.field}"`, (p) => `不认识的属性“${p.field}”`),
  'structure.schema_version': m(
    'error',
    (p) => `schemaVersion ${p.found} is not supported (expected ${p.expected})`,
    (p) => `不支持的 schemaVersion ${p.found}（应为 ${p.expected}）`,
  ),
  'id.duplicate': m('error', (p) => `id "${p.id}" is used twice`, (p) => `标识“${p.id}”重复`),
  'dict.unknown': m(
    'error',
    (p) => `"${p.code}" is not in the ${p.dictionary} dictionary`,
    (p) => `“${p.code}”不在字典“${p.dictionary}”中`,
  ),
  'code.credit_invalid': m(
    'error',
    (p) => `"${p.code}" is not a valid unified social credit code (GB 32100 check character)`,
    (p) => `“${p.code}”不是有效的统一社会信用代码（GB 32100 校验位不符）`,
  ),
  'code.basic_format': m(
    'error',
    (p) => `basic code "${p.code}" does not match the pattern ${p.pattern}`,
    (p) => `基本编码“${p.code}”不符合编码规则 ${p.pattern}`,
  ),
  'code.basic_category': m(
    'error',
    (p) => `basic code type "${p.found}" does not match category ${p.category} (expected "${p.expected}")`,
    (p) => `基本编码类型“${p.found}”与权力类别 ${p.category} 不符（应为“${p.expected}”）`,
  ),
  'code.impl_format': m(
    'error',
    (p) => `implementation code "${p.code}" does not match the pattern ${p.pattern}`,
    (p) => `实施编码“${p.code}”不符合编码规则 ${p.pattern}`,
  ),
  'code.impl_credit_mismatch': m(
    'error',
    (p) => `implementation code carries credit code ${p.found} but the implementing body's is ${p.expected}`,
    (p) => `实施编码中的信用代码 ${p.found} 与实施主体的信用代码 ${p.expected} 不一致`,
  ),
  'flow.start_count': m(
    'error',
    (p) => `a flow needs exactly one start node (found ${p.count})`,
    (p) => `流程必须有且只有一个开始节点（现有 ${p.count} 个）`,
  ),
  'flow.end_missing': m('error', () => 'the flow has no end node', () => '流程缺少结束节点'),
  'flow.start_incoming': m('error', () => 'the start node must have no incoming edge', () => '开始节点不能有流入连线'),
  'flow.end_outgoing': m('error', () => 'an end node must have no outgoing edge', () => '结束节点不能有流出连线'),
  'flow.edge_dangling': m(
    'error',
    (p) => `edge "${p.edge}" points to a missing node "${p.node}"`,
    (p) => `连线“${p.edge}”指向不存在的节点“${p.node}”`,
  ),
  'flow.node_unreachable': m(
    'error',
    (p) => `node "${p.node}" cannot be reached from the start`,
    (p) => `从开始节点无法到达节点“${p.node}”`,
  ),
  'flow.end_unreachable': m(
    'error',
    (p) => `no end can be reached from node "${p.node}"`,
    (p) => `从节点“${p.node}”无法到达任何结束节点`,
  ),
  'flow.step_outgoing': m(
    'error',
    (p) => `step "${p.node}" has ${p.count} outgoing edges; branch with a gateway`,
    (p) => `环节“${p.node}”有 ${p.count} 条流出连线，分支请使用网关`,
  ),
  'flow.acceptance': m(
    'error',
    (p) => `${p.detail}`,
    (p) => `${p.detailZh}`,
  ),
  'flow.gateway_no_default': m(
    'error',
    (p) => `exclusive gateway "${p.node}" has no default branch`,
    (p) => `排他网关“${p.node}”缺少默认分支`,
  ),
  'flow.gateway_many_defaults': m(
    'error',
    (p) => `exclusive gateway "${p.node}" has ${p.count} default branches`,
    (p) => `排他网关“${p.node}”有 ${p.count} 条默认分支`,
  ),
  'flow.gateway_condition_missing': m(
    'error',
    (p) => `edge "${p.edge}" leaves an exclusive gateway without a condition and is not the default`,
    (p) => `连线“${p.edge}”从排他网关流出，既无条件也不是默认分支`,
  ),
  'flow.condition_outside_gateway': m(
    'warning',
    (p) => `edge "${p.edge}" has a condition but does not leave an exclusive gateway; it is ignored`,
    (p) => `连线“${p.edge}”不是从排他网关流出，其条件不会生效`,
  ),
  'flow.parallel_unjoined': m(
    'error',
    (p) => `parallel split "${p.node}" reaches an end without being joined`,
    (p) => `并行网关“${p.node}”的分支未汇聚就到达了结束节点`,
  ),
  'expr.parse': m(
    'error',
    (p) => `expression does not parse: ${p.detail} (at ${p.offset})`,
    (p) => `表达式无法解析：${p.detailZh}（位置 ${p.offset}）`,
  ),
  'form.pattern_unsafe': m(
    'error',
    (p) => `the pattern rule cannot be used: ${p.detail} (at ${p.offset}); patterns are limited to a subset matched in linear time`,
    (p) => `校验规则不可用：${p.detailZh}（位置 ${p.offset}）；为防止恶意输入拖垮系统，规则仅支持可线性匹配的写法`,
  ),
  'expr.unknown_name': m(
    'error',
    (p) => `expression refers to "${p.name}", which is not a form field or a known fact`,
    (p) => `表达式引用了“${p.name}”，它既不是表单字段也不是已知要素`,
  ),
  'step.post_unknown': m(
    'error',
    (p) => `post "${p.post}" is not in the post dictionary`,
    (p) => `岗位“${p.post}”不在岗位字典中`,
  ),
  'step.operation_misplaced': m(
    'warning',
    (p) => `operation "${p.operation}" only applies to the acceptance step`,
    (p) => `操作“${p.operation}”只适用于受理环节`,
  ),
  'limit.promised_exceeds_statutory': m(
    'error',
    (p) => `promised limit (${p.promised}) exceeds the statutory limit (${p.statutory})`,
    (p) => `承诺时限（${p.promised}）超过法定时限（${p.statutory}）`,
  ),
  'limit.steps_exceed_promised': m(
    'error',
    (p) => `step limits along ${p.route} add up to ${p.total}, over the promised limit (${p.limit})`,
    (p) => `路径 ${p.route} 的环节时限合计 ${p.total}，超过承诺时限（${p.limit}）`,
  ),
  'limit.steps_exceed_statutory': m(
    'error',
    (p) => `step limits along ${p.route} add up to ${p.total}, over the statutory limit (${p.limit})`,
    (p) => `路径 ${p.route} 的环节时限合计 ${p.total}，超过法定时限（${p.limit}）`,
  ),
  'limit.units_mixed': m(
    'warning',
    (p) => `${p.what} mixes working days and natural days; compared as working days`,
    (p) => `${p.whatZh}混用了工作日和自然日，按工作日比较`,
  ),
  'limit.extension_unit': m(
    'error',
    (p) => `the extension is in ${p.unit} but the statutory limit is in ${p.limitUnit}; an extension lengthens that limit, so give it in ${p.limitUnit}`,
    (p) => `延期时限以${p.unitZh}计，法定时限以${p.limitUnitZh}计；延期是在法定时限上延长，请以${p.limitUnitZh}填写`,
  ),
  'limit.instant_nonzero': m(
    'warning',
    () => 'an instant case (即办件) should have a promised limit of 0',
    () => '即办件的承诺时限应为 0',
  ),
  'ref.unknown_field': m(
    'error',
    (p) => `"${p.field}" is not a field of the application form`,
    (p) => `“${p.field}”不是申请表单中的字段`,
  ),
  'ref.unknown_node': m('error', (p) => `node "${p.node}" does not exist`, (p) => `节点“${p.node}”不存在`),
  'ref.not_a_step': m('error', (p) => `node "${p.node}" is not a step`, (p) => `节点“${p.node}”不是办理环节`),
  'ref.unknown_document': m(
    'error',
    (p) => `document template "${p.id}" does not exist`,
    (p) => `文书模板“${p.id}”不存在`,
  ),
  'ref.document_step_mismatch': m(
    'warning',
    (p) => `document "${p.id}" is issued at "${p.node}" but step "${p.step}" lists it`,
    (p) => `文书“${p.id}”在“${p.node}”出具，但环节“${p.step}”也列出了它`,
  ),
  'ref.unknown_placeholder': m(
    'error',
    (p) => `placeholder {{${p.placeholder}}} refers to nothing known`,
    (p) => `占位符 {{${p.placeholder}}} 没有对应的字段或要素`,
  ),
  'ref.operation_not_allowed': m(
    'error',
    (p) => `document "${p.id}" is issued by "${p.operation}", which step "${p.node}" does not allow`,
    (p) => `文书“${p.id}”由操作“${p.operation}”出具，但环节“${p.node}”不允许该操作`,
  ),
  'step.permission_unusable': m(
    'warning',
    (p) => `step "${p.node}" grants write on "${p.field}", but ${p.why}`,
    (p) => `环节“${p.node}”对“${p.field}”设置了可写权限，但${p.whyZh}`,
  ),
  'discretion.range': m(
    'error',
    (p) => `fine range minimum ${p.min} is above its maximum ${p.max}`,
    (p) => `罚款幅度下限 ${p.min} 高于上限 ${p.max}`,
  ),
  'discretion.not_penalty': m(
    'warning',
    () => 'discretion standards belong to penalty items (category 02)',
    () => '裁量基准适用于行政处罚事项（类别 02）',
  ),
  'special_procedure.extension_post': m(
    'error',
    (p) => `extension approver post "${p.post}" is not in the post dictionary`,
    (p) => `延期审批岗位“${p.post}”不在岗位字典中`,
  ),
} satisfies Record<string, Msg>

export type DiagnosticCode = keyof typeof diagnosticMessages

export function diagnostic(code: DiagnosticCode, path: string, params: Params = {}): Diagnostic {
  const msg: Msg = diagnosticMessages[code]
  return { code, severity: msg.severity, path, message: msg.en(params), messageZh: msg.zh(params) }
}

/** Builds a JSON pointer from segments, escaping "~" and "/" (RFC 6901). */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
