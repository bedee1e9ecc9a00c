import type { DiscretionStandard, FineSpec, PowerItemDefinition } from '@sunlight/definition'

export interface Band {
  min: number
  max: number
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN)

/**
 * The allowed fine for a grade, given the form (行政处罚 discretion: 固定值 / 幅度范围 / 基准比例, and
 * per-unit ranges; domain.md §7.2). Returns undefined when the base figure it needs is missing.
 */
export function fineBand(fine: FineSpec, form: Record<string, unknown>): Band | undefined {
  switch (fine.kind) {
    case 'none':
      return { min: 0, max: 0 }
    case 'fixed':
      return { min: fine.amount, max: fine.amount }
    case 'range':
      return { min: fine.min, max: fine.max }
    case 'ratio': {
      const base = num(form[fine.baseField])
      return Number.isFinite(base) ? { min: base * fine.minRatio, max: base * fine.maxRatio } : undefined
    }
    case 'perUnit': {
      const q = num(form[fine.quantityField])
      return Number.isFinite(q) ? { min: q * fine.min, max: q * fine.max } : undefined
    }
  }
}

/** The discretion standard whose grade or amount field the form carries (the first one by default). */
export function discretionFor(def: PowerItemDefinition, touched?: readonly string[]): DiscretionStandard | undefined {
  if (touched) return def.discretion.find((d) => touched.includes(d.gradeField) || touched.includes(d.amountField))
  return def.discretion[0]
}

export const formatBand = (b: Band): string => (b.min === b.max ? `${b.min}` : `${b.min}–${b.max}`)
