/** Deterministic random numbers, so a demo or benchmark district is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '子涵欣怡梓轩浩宇一诺雨桐思远佳琪俊杰紫萱宇航诗涵晨曦博文嘉怡梦瑶天佑明轩若曦雅琴志强建华秀英桂兰玉兰淑珍海燕丽娟春梅小红小明国庆德胜文静晓雪'

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

export function randomName(random: () => number): string {
  const surname = pick(random, [...SURNAMES])
  const given = [...GIVEN]
  const length = random() < 0.3 ? 1 : 2
  let name = surname
  for (let i = 0; i < length; i++) name += pick(random, given)
  return name
}

export function randomBirthDate(random: () => number, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1))
  const month = 1 + Math.floor(random() * 12)
  const day = 1 + Math.floor(random() * 28)
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function randomMobile(random: () => number): string {
  return `13${Math.floor(random() * 10)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`
}
