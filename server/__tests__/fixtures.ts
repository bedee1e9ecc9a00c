/** An application for the model template (宗教活动场所筹备设立审批) that passes every form rule. */
export const religiousForm = {
  orgName: '成都市佛教协会',
  orgCreditCode: '11510000008231760L',
  legalRep: '释某某',
  contactPhone: '028-86001234',
  venueName: '龙泉驿区某某寺',
  venueType: 'temple',
  religion: '佛教',
  address: '成都市龙泉驿区某某镇某某村',
  area: 1200,
}

export const religiousMaterialIds = ['application', 'need-statement', 'clergy', 'funding', 'planning', 'lower-opinions'] as const

/** Every material provided except the ones named. */
export const materialsExcept = (...missing: string[]) =>
  Object.fromEntries(religiousMaterialIds.filter((m) => !missing.includes(m)).map((m) => [m, { provided: true }]))
