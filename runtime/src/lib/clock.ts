import type { Clock, ClockLevel } from '../api/types'

/** How a clock level looks: an Element Plus tag type and the i18n key of its label. */
export interface LevelLook {
  tag: 'success' | 'warning' | 'danger' | 'info' | 'primary'
  labelKey: string
  /** CSS class giving the row colour in lists (contrast-checked in app.scss). */
  rowClass: string
}

const LOOKS: Record<ClockLevel, LevelLook> = {
  normal: { tag: 'success', labelKey: 'level.normal', rowClass: 'level-normal' },
  warning: { tag: 'primary', labelKey: 'level.warning', rowClass: 'level-warning' },
  yellow: { tag: 'warning', labelKey: 'level.yellow', rowClass: 'level-yellow' },
  red: { tag: 'danger', labelKey: 'level.red', rowClass: 'level-red' },
}

/** The look of a level; unknown levels look normal. */
export function levelLook(level: string | undefined): LevelLook {
  return LOOKS[(level ?? 'normal') as ClockLevel] ?? LOOKS.normal
}

const ORDER: ClockLevel[] = ['normal', 'warning', 'yellow', 'red']

/** The most severe level among clocks (a case's colour). */
export function worstLevel(levels: readonly string[]): ClockLevel {
  let worst = 0
  for (const l of levels) worst = Math.max(worst, ORDER.indexOf(l as ClockLevel))
  return ORDER[worst] ?? 'normal'
}

/** Clocks in reading order: the case's promised and statutory limits first, then acceptance, then steps. */
export function sortClocks(clocks: readonly Clock[]): Clock[] {
  const rank = (k: string) => ['promised', 'statutory', 'preAcceptance', 'supplement', 'step', 'specialProcedure'].indexOf(k)
  return [...clocks].sort((a, b) => (rank(a.kind) === -1 ? 9 : rank(a.kind)) - (rank(b.kind) === -1 ? 9 : rank(b.kind)))
}
