/**
 * How a power is set in motion. 行政许可、给付、确认、奖励、裁决、征收 and 其他 start on a
 * counterpart's application (依申请); 行政处罚、强制 and 检查 are exercised by the authority on its own
 * initiative (依职权: 立案, 检查计划), so the public cannot apply for them online — staff open the
 * case. Category codes as in dictionaries.ts (国家政务服务事项基本目录 权力类型).
 */
const EX_OFFICIO = new Set(['02', '03', '06'])

/** Whether the public may apply for items of this category (false: only staff open its cases). */
export function appliesOnline(category: string): boolean {
  return !EX_OFFICIO.has(category)
}
