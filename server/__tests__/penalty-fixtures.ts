import { expect } from 'vitest'
import type { Client, TestServer } from './harness'
import { materialsExcept, religiousForm } from './fixtures'

/** A food-penalty case (金牛区市场监管局) entered by staff, against a company identified by its credit code. */
export const foodParty = { name: '成都市金牛区某某餐饮管理有限公司', idType: '01', idNumber: '91510106MA6CXXXX1K', phone: '13800000001' }
export const foodForm = {
  partyType: 'org',
  partyName: foodParty.name,
  partyIdNo: foodParty.idNumber,
  legalRep: '李某某',
  partyAddress: '成都市金牛区某某路88号',
  businessType: 'catering',
  licenseStatus: 'never',
}
export const foodMaterials = { clue: { provided: true }, 'party-id': { provided: true } }

/** A fresh sign-in (the tests move the server clock by weeks: cached sessions would have expired). */
export async function signedIn(t: TestServer, username: string): Promise<Client> {
  const c = t.anonymous()
  const r = await c.login(username)
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return c
}

export async function command(c: Client, caseId: string, cmd: Record<string, unknown>, status = 200) {
  const detail = await c.get(`/api/cases/${caseId}`)
  expect(detail.status, JSON.stringify(detail.body)).toBe(200)
  const r = await c.post(`/api/cases/${caseId}/commands`, { expectedVersion: detail.body.case.version, command: cmd })
  expect(r.status, JSON.stringify(r.body)).toBe(status)
  return r
}

export async function applyReligious(t: TestServer, applicant: Record<string, string> = { name: '成都市佛教协会', idType: '01', idNumber: '11510000008231760L' }) {
  const r = await t.anonymous().post('/api/hall/applications', { itemKey: 'religious-venue-preparation', applicant, form: religiousForm, materials: materialsExcept() })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body as { caseId: string; caseNo: string; queryCode: string }
}

/** Review → verify → approve with the given decision ('approve' concludes approved, anything else denied). */
export async function decideReligious(t: TestServer, caseId: string, decision: 'approve' | 'deny') {
  await command(await signedIn(t, 'handler'), caseId, { type: 'complete', node: 'review', opinion: '符合条件', form: { reviewOpinion: '经审查，符合条件' } })
  await command(await signedIn(t, 'checker'), caseId, { type: 'complete', node: 'verify', opinion: '同意' })
  await command(await signedIn(t, 'approver'), caseId, { type: 'complete', node: 'approve', opinion: decision === 'approve' ? '同意批准' : '不予批准', form: { decision }, ...(decision === 'approve' ? {} : { approve: false, reason: '选址不符合规划' }) })
}

export async function enterFoodCase(t: TestServer) {
  const r = await (await signedIn(t, 'jn-head')).post('/api/cases', { itemKey: 'food-business-unlicensed-penalty', applicant: foodParty, form: foodForm, materials: foodMaterials })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body as { caseId: string; caseNo: string; queryCode: string }
}

/** 立案 → 调查 (货值 5,000 元, 一般, 罚款 70,000 元) → 法制审核 → 告知 (no hearing) → 负责人决定. */
export async function foodCaseToDecision(t: TestServer, caseId: string, decision: 'penalise' | 'noPenalty', options: { accepted?: boolean } = {}) {
  if (!options.accepted) await command(await signedIn(t, 'jn-head'), caseId, { type: 'accept', opinion: '同意立案' })
  await command(await signedIn(t, 'jn-investigator'), caseId, {
    type: 'complete',
    node: 'investigate',
    opinion: '违法事实清楚，证据确凿',
    form: { goodsValue: 5000, investigationResult: 'violation', discretionGrade: 'low-general', fineAmount: 70000, violationFacts: '未取得食品经营许可从事餐饮服务', proposedPenalty: '没收违法所得，罚款70000元' },
  })
  await command(await signedIn(t, 'jn-legal'), caseId, { type: 'complete', node: 'legal-review', opinion: '事实清楚，适用依据正确，裁量适当', form: { legalReviewOpinion: '同意' } })
  await command(await signedIn(t, 'jn-legal'), caseId, { type: 'complete', node: 'notify', form: { hearingNotified: false } })
  await command(await signedIn(t, 'jn-head'), caseId, { type: 'complete', node: 'decide', opinion: decision === 'penalise' ? '同意处罚' : '不予处罚', form: { decision, penaltyContent: decision === 'penalise' ? '没收违法所得，罚款70000元' : '' } })
}
