import type { Material } from '@sunlight/definition'
import type { CatalogSummary } from '../../api/types'

export const materials: Material[] = [
  { id: 'application', name: '申请书', originals: 1, copies: 0, mandatory: true, form: 'both' },
  { id: 'funding', name: '资金证明', originals: 1, copies: 0, mandatory: true, form: 'electronic' },
  { id: 'lower-opinions', name: '审核意见', originals: 1, copies: 0, mandatory: true, form: 'paper' },
  { id: 'neighbours', name: '周边意见', originals: 0, copies: 1, mandatory: false, form: 'both' },
]

const limit = (value: number, unit: 'days' | 'workdays' = 'workdays') => ({ value, unit })

export const catalogItems: CatalogSummary[] = [
  { key: 'religious-venue-preparation', version: 1, name: '宗教活动场所筹备设立审批', category: '01', departmentId: 'sc-mzw', department: '四川省民族宗教事务委员会', caseType: 'promised', statutoryLimit: limit(30, 'days'), promisedLimit: limit(20, 'days'), appliesOnline: true },
  { key: 'religious-clergy-filing', version: 1, name: '宗教教职人员备案', category: '10', departmentId: 'cd-mzj', department: '成都市民族宗教事务局', caseType: 'instant', statutoryLimit: limit(20), promisedLimit: limit(5), appliesOnline: true },
  { key: 'food-business-unlicensed-penalty', version: 2, name: '对未取得食品经营许可从事食品经营活动的行政处罚', category: '02', departmentId: 'cd-scj', department: '成都市市场监督管理局', caseType: 'promised', statutoryLimit: limit(90, 'days'), promisedLimit: limit(80, 'days'), appliesOnline: false },
  { key: 'food-seizure-detention', version: 1, name: '查封、扣押不符合食品安全标准的食品', category: '03', departmentId: 'cd-scj', department: '成都市市场监督管理局', caseType: 'promised', statutoryLimit: limit(30, 'days'), promisedLimit: limit(30, 'days'), appliesOnline: false },
]
