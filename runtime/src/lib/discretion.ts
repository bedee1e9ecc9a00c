import type { DiscretionStandard } from '@sunlight/definition'
import { fineBand, type Band } from '@sunlight/engine'

/** The fine range of a grade of a discretion standard for this case's form (undefined when a base figure is missing). */
export function gradeBand(standard: DiscretionStandard | undefined, gradeId: string, form: Record<string, unknown>): Band | undefined {
  const grade = standard?.grades.find((g) => g.id === gradeId)
  return grade ? fineBand(grade.fine, form) : undefined
}

/** Whether an amount lies outside the band (the engine then demands a reason and raises a warning). */
export function outOfBand(band: Band | undefined, amount: number | undefined): boolean {
  return band !== undefined && amount !== undefined && (amount < band.min || amount > band.max)
}

/** "5000–20000" or "3000" for a fixed amount, with thousands separators. */
export function formatBand(band: Band, locale = 'zh-CN'): string {
  const f = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 2 })
  return band.min === band.max ? f(band.min) : `${f(band.min)}–${f(band.max)}`
}

/** The grade already recorded in the form's grade field, if any. */
export function recordedGrade(standard: DiscretionStandard | undefined, form: Record<string, unknown>): string {
  const v = standard ? form[standard.gradeField] : undefined
  return typeof v === 'string' ? v : ''
}
