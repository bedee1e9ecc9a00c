import type { Department } from './org'

/**
 * The blank item a designer starts from: a well-formed definition (start → 受理 → 决定 → 办结)
 * whose codes are placeholders, so that validation lists what still has to be filled in
 * (基本编码, 实施编码, 设定依据) instead of letting a blank item be submitted as it is.
 */
export function blankDefinition(key: string, name: string, category: string, department: Department): Record<string, unknown> {
  return {
    schemaVersion: 1,
    key,
    version: 1,
    item: {
      name,
      category,
      basicCode: '待编码',
      implCode: '待编码',
      legalBasis: [{ law: '（请填写设定依据）' }],
      department: { name: department.name, ...(department.creditCode ? { creditCode: department.creditCode } : {}), nature: '1' },
      serviceObjects: ['1'],
      acceptanceConditions: '',
      materials: [],
      fees: [],
      statutoryLimit: { value: 20, unit: 'workdays' },
      promisedLimit: { value: 20, unit: 'workdays' },
      caseType: 'promised',
      locations: [],
      faq: [],
      responsibilities: [],
      handlingForms: ['1'],
    },
    form: { type: 'object', properties: {} },
    flow: {
      nodes: [
        { id: 'start', type: 'start', name: '申请' },
        { id: 'accept', type: 'step', kind: 'acceptance', name: '受理', post: 'window', limit: { value: 5, unit: 'workdays' }, operations: ['accept', 'refuse', 'requestSupplement'] },
        { id: 'approve', type: 'step', name: '审批决定', post: 'approver', limit: { value: 15, unit: 'workdays' }, operations: ['return'], opinionRequired: true },
        { id: 'end', type: 'end', name: '办结', result: 'approved' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'accept' },
        { id: 'e2', from: 'accept', to: 'approve' },
        { id: 'e3', from: 'approve', to: 'end' },
      ],
      separationOfDuties: [['accept', 'approve']],
    },
    timeLimits: {},
    monitoringPoints: [],
    riskPoints: [],
    discretion: [],
    documents: [],
  }
}
