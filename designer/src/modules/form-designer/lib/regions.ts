/** Region cascader options (GB/T 2260 codes): Sichuan province, its cities, Chengdu's districts. */
export interface RegionOption {
  value: string
  label: string
  children?: RegionOption[]
}

const r = (value: string, label: string, children?: RegionOption[]): RegionOption => (children ? { value, label, children } : { value, label })

const chengdu = [
  ['510104', '锦江区'], ['510105', '青羊区'], ['510106', '金牛区'], ['510107', '武侯区'], ['510108', '成华区'],
  ['510112', '龙泉驿区'], ['510113', '青白江区'], ['510114', '新都区'], ['510115', '温江区'], ['510116', '双流区'],
  ['510117', '郫都区'], ['510118', '新津区'], ['510121', '金堂县'], ['510129', '大邑县'], ['510131', '蒲江县'],
  ['510181', '都江堰市'], ['510182', '彭州市'], ['510183', '邛崃市'], ['510184', '崇州市'], ['510185', '简阳市'],
].map(([v, l]) => r(v as string, l as string))

const cities = [
  ['510300', '自贡市'], ['510400', '攀枝花市'], ['510500', '泸州市'], ['510600', '德阳市'], ['510700', '绵阳市'],
  ['510800', '广元市'], ['510900', '遂宁市'], ['511000', '内江市'], ['511100', '乐山市'], ['511300', '南充市'],
  ['511400', '眉山市'], ['511500', '宜宾市'], ['511600', '广安市'], ['511700', '达州市'], ['511800', '雅安市'],
  ['511900', '巴中市'], ['512000', '资阳市'], ['513200', '阿坝藏族羌族自治州'], ['513300', '甘孜藏族自治州'], ['513400', '凉山彝族自治州'],
].map(([v, l]) => r(v as string, l as string))

export const sichuanRegions: RegionOption[] = [r('510000', '四川省', [r('510100', '成都市', chengdu), ...cities])]

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
