import type { PowerItemDefinitionInput, StepNode } from '@sunlight/definition'

/**
 * The one flow both engines run: acceptance, review, an exclusive branch (legal review for large
 * projects, a simple check otherwise), verification, a parallel split into three checks and their
 * join, then approval, certification and delivery. Every case passes exactly 10 steps:
 *
 *   start → accept → review → ◇route ─(large == true)→ legalReview ─┐
 *                                     └─(default)──→ simpleCheck ──┴→ verify → ✚split
 *   ✚split → fieldCheck / expertReview / feeCheck → ✚join → approve → certify → deliver → end
 *
 * (a) is a Sunlight power-item definition; (b) the same graph in BPMN 2.0 for bpmn-engine, with the
 * same element ids, so the harness can check that both visit the same steps for the same input.
 */

const step = (id: string, name: string, post: string, extra: Partial<StepNode> = {}) => ({
  id,
  type: 'step' as const,
  name,
  post,
  limit: { value: 2, unit: 'workdays' as const },
  ...extra,
})

export const tenStepDefinition: PowerItemDefinitionInput = {
  schemaVersion: 1,
  key: 'bench-ten-step',
  version: 1,
  item: {
    name: '基准测试事项（十环节）',
    category: '01',
    basicCode: 'XK00999000',
    implCode: 'XK00999000-510000000000-000-11510000008231760L-1-00',
    exerciseLevel: '2',
    legalBasis: [{ law: '中华人民共和国行政许可法', article: '第四十二条' }],
    department: { name: '四川省民族宗教事务委员会', creditCode: '11510000008231760L', nature: '1' },
    serviceObjects: ['4'],
    acceptanceConditions: '申请材料齐全、符合法定形式。',
    materials: [{ id: 'application', name: '申请书', originals: 1, copies: 0, mandatory: true, form: 'both' }],
    statutoryLimit: { value: 20, unit: 'workdays' },
    promisedLimit: { value: 15, unit: 'workdays' },
    caseType: 'promised',
  },
  form: {
    type: 'object',
    properties: {
      projectName: { type: 'string', title: '项目名称', required: true, 'x-decorator': 'FormItem', 'x-component': 'Input' },
      large: { type: 'boolean', title: '重大项目', 'x-decorator': 'FormItem', 'x-component': 'Switch' },
    },
  },
  flow: {
    nodes: [
      { id: 'start', type: 'start', name: '申请' },
      step('accept', '受理', 'window', { kind: 'acceptance', operations: ['accept', 'refuse', 'requestSupplement'] }),
      step('review', '审查', 'handler'),
      { id: 'route', type: 'exclusive', name: '是否重大项目' },
      step('legalReview', '法制审核', 'legal'),
      step('simpleCheck', '简易核查', 'reviewer'),
      step('verify', '审核', 'reviewer'),
      { id: 'split', type: 'parallel', name: '并行核查' },
      step('fieldCheck', '实地核查', 'investigator'),
      step('expertReview', '专家评审', 'expert'),
      step('feeCheck', '收费核定', 'cashier'),
      { id: 'join', type: 'parallel', name: '核查汇合' },
      step('approve', '审批决定', 'approver'),
      step('certify', '制证', 'head'),
      step('deliver', '送达', 'delivery'),
      { id: 'end', type: 'end', name: '办结', result: 'approved' },
    ],
    edges: [
      { id: 'f1', from: 'start', to: 'accept' },
      { id: 'f2', from: 'accept', to: 'review' },
      { id: 'f3', from: 'review', to: 'route' },
      { id: 'f4', from: 'route', to: 'legalReview', name: '重大项目', condition: 'large == true' },
      { id: 'f5', from: 'route', to: 'simpleCheck', name: '一般项目', default: true },
      { id: 'f6', from: 'legalReview', to: 'verify' },
      { id: 'f7', from: 'simpleCheck', to: 'verify' },
      { id: 'f8', from: 'verify', to: 'split' },
      { id: 'f9', from: 'split', to: 'fieldCheck' },
      { id: 'f10', from: 'split', to: 'expertReview' },
      { id: 'f11', from: 'split', to: 'feeCheck' },
      { id: 'f12', from: 'fieldCheck', to: 'join' },
      { id: 'f13', from: 'expertReview', to: 'join' },
      { id: 'f14', from: 'feeCheck', to: 'join' },
      { id: 'f15', from: 'join', to: 'approve' },
      { id: 'f16', from: 'approve', to: 'certify' },
      { id: 'f17', from: 'certify', to: 'deliver' },
      { id: 'f18', from: 'deliver', to: 'end' },
    ],
  },
  timeLimits: {},
}

/** Steps each case passes (accept + 9 completes); the peer signals the same number of user tasks. */
export const STEPS_PER_CASE = 10

const task = (id: string, name: string) => `    <userTask id="${id}" name="${name}" />`
const flow = (id: string, from: string, to: string) => `    <sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`

/** The same graph as BPMN 2.0: user tasks, an exclusive gateway with a condition and a default flow, a parallel split/join. */
export const tenStepBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions id="benchTenStep" xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="http://sunlight.local/bench">
  <process id="tenStep" isExecutable="true">
    <startEvent id="start" name="申请" />
${task('accept', '受理')}
${task('review', '审查')}
    <exclusiveGateway id="route" name="是否重大项目" default="f5" />
${task('legalReview', '法制审核')}
${task('simpleCheck', '简易核查')}
${task('verify', '审核')}
    <parallelGateway id="split" name="并行核查" />
${task('fieldCheck', '实地核查')}
${task('expertReview', '专家评审')}
${task('feeCheck', '收费核定')}
    <parallelGateway id="join" name="核查汇合" />
${task('approve', '审批决定')}
${task('certify', '制证')}
${task('deliver', '送达')}
    <endEvent id="end" name="办结" />
${flow('f1', 'start', 'accept')}
${flow('f2', 'accept', 'review')}
${flow('f3', 'review', 'route')}
    <sequenceFlow id="f4" sourceRef="route" targetRef="legalReview">
      <conditionExpression xsi:type="tFormalExpression">\${environment.variables.large}</conditionExpression>
    </sequenceFlow>
${flow('f5', 'route', 'simpleCheck')}
${flow('f6', 'legalReview', 'verify')}
${flow('f7', 'simpleCheck', 'verify')}
${flow('f8', 'verify', 'split')}
${flow('f9', 'split', 'fieldCheck')}
${flow('f10', 'split', 'expertReview')}
${flow('f11', 'split', 'feeCheck')}
${flow('f12', 'fieldCheck', 'join')}
${flow('f13', 'expertReview', 'join')}
${flow('f14', 'feeCheck', 'join')}
${flow('f15', 'join', 'approve')}
${flow('f16', 'approve', 'certify')}
${flow('f17', 'certify', 'deliver')}
${flow('f18', 'deliver', 'end')}
  </process>
</definitions>
`
