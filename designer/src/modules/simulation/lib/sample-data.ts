import { collectFormFields, creditCodeCheckChar, examplePattern, isValidIdCard, patternsOf } from '@sunlight/definition'

type Schema = Record<string, unknown>
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A resident ID number that passes the GB 11643 check (born 1985-06-15 in Chengdu). */
export function sampleIdNumber(): string {
  const first = '51010419850615123'
  for (const c of '0123456789X') if (isValidIdCard(first + c)) return first + c
  return `${first}0`
}
export function sampleCreditCode(): string {
  const first = '91510100MA61234567'.slice(0, 17)
  return first + (creditCodeCheckChar(first) ?? '0')
}

function schemaAt(form: unknown, pointer: string): Schema {
  let cur: unknown = { form }
  for (const seg of pointer.split('/').slice(1)) cur = isObj(cur) ? cur[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
  return isObj(cur) ? cur : {}
}

function sampleText(title: string, validator: unknown): string {
  if (validator === 'idCard' || /身份证|证件号码|证件号/.test(title)) return sampleIdNumber()
  if (validator === 'creditCode' || /信用代码/.test(title)) return sampleCreditCode()
  if (validator === 'phone' || validator === 'mobile' || /电话|手机/.test(title)) return '13800000000'
  if (validator === 'email' || /邮箱/.test(title)) return 'zhangsan@example.com'
  if (validator === 'zip' || /邮编|邮政编码/.test(title)) return '610000'
  if (/姓名|申请人|代表人|负责人/.test(title)) return '张三'
  if (/名称|单位/.test(title)) return '成都市示例有限公司'
  if (/地址|住所/.test(title)) return '成都市武侯区人民南路四段 1 号'
  if (/日期|时间/.test(title)) return '2026-03-02'
  return `示例${title.slice(0, 10)}`
}

/**
 * Plausible values for every top-level field of a form, valid against its rules (required fields
 * filled, formats with correct check characters, numbers inside their ranges, first option chosen),
 * used by the simulation's generated applications and the document preview.
 */
export function sampleFormValues(form: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of collectFormFields(form)) {
    if (f.path.includes('.')) continue
    const s = schemaAt(form, f.pointer)
    const title = typeof s.title === 'string' ? s.title : f.path
    if (s.default !== undefined) {
      out[f.path] = s.default
      continue
    }
    const options = Array.isArray(s.enum) ? s.enum.map((e) => (isObj(e) && 'value' in e ? e.value : e)) : undefined
    switch (f.type) {
      case 'number': {
        const min = typeof s.minimum === 'number' ? s.minimum : 0
        const max = typeof s.maximum === 'number' ? s.maximum : Infinity
        out[f.path] = Math.min(max, Math.max(min, /金额|元|收入|价值|货值/.test(title) ? 5000 : 100))
        break
      }
      case 'boolean':
        out[f.path] = false
        break
      case 'array':
        out[f.path] = s['x-component'] === 'RegionCascader' ? ['510000', '510100', '510107'] : options?.length ? [options[0]] : []
        break
      case 'object':
        out[f.path] = {}
        break
      default: {
        const text = options?.length ? options[0] : s.format === 'date' ? '2026-03-02' : sampleText(title, s['x-validator'])
        // a designer's pattern rule: a value it accepts when the guess above does not fit
        const rule = patternsOf(s)[0]
        out[f.path] = typeof text === 'string' && rule && !options?.length ? (examplePattern(rule.pattern) ?? text) : text
      }
    }
  }
  return out
}
