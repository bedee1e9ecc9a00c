/**
 * Option lists of the government fields. The region cascader's divisions (GB/T 2260) are not here:
 * form-renderer's RegionCascader reads them from @sunlight/definition, so forms carry no list.
 */

/** 证件类型 (GA/T 517 style codes). */
export const idTypeOptions = [
  { label: '居民身份证', value: '111' },
  { label: '居民户口簿', value: '113' },
  { label: '普通护照', value: '414' },
  { label: '港澳居民来往内地通行证', value: '516' },
  { label: '台湾居民来往大陆通行证', value: '511' },
  { label: '外国人永久居留身份证', value: '553' },
  { label: '其他', value: '990' },
]
