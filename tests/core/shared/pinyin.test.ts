import { describe, expect, it } from 'vitest'
import { nameSearchKeys } from '../../../src/core/shared/pinyin'

describe('nameSearchKeys', () => {
  it('gives toneless pinyin and initials without spaces', () => {
    expect(nameSearchKeys('张三')).toEqual({ pinyin: 'zhangsan', initials: 'zs' })
    expect(nameSearchKeys('欧阳娜娜')).toEqual({ pinyin: 'ouyangnana', initials: 'oynn' })
  })

  it('reads polyphonic surnames as surnames', () => {
    expect(nameSearchKeys('单雄信')).toEqual({ pinyin: 'shanxiongxin', initials: 'sxx' })
    expect(nameSearchKeys('曾小明')).toEqual({ pinyin: 'zengxiaoming', initials: 'zxm' })
    expect(nameSearchKeys('解放')).toEqual({ pinyin: 'xiefang', initials: 'xf' })
    expect(nameSearchKeys('仇明').pinyin).toBe('qiuming')
  })

  it('applies the surname reading to the first character only', () => {
    // 单 as a given name is read dan, 曾 as ceng.
    expect(nameSearchKeys('单单').pinyin).toBe('shandan')
    expect(nameSearchKeys('曾曾').pinyin).toBe('zengceng')
  })

  it('writes ü as v, as it is typed', () => {
    expect(nameSearchKeys('吕布')).toEqual({ pinyin: 'lvbu', initials: 'lb' })
  })

  it('drops the middle dot and spaces of minority names', () => {
    expect(nameSearchKeys('阿卜杜·热合曼')).toEqual({ pinyin: 'abudureheman', initials: 'abdrhm' })
    expect(nameSearchKeys('阿卜杜 · 热合曼')).toEqual(nameSearchKeys('阿卜杜·热合曼'))
  })

  it('passes non-Chinese characters through in lower case', () => {
    expect(nameSearchKeys('Tom')).toEqual({ pinyin: 'tom', initials: 'tom' })
    expect(nameSearchKeys('张ＡＢ')).toEqual({ pinyin: 'zhangab', initials: 'zab' })
    expect(nameSearchKeys('李2')).toEqual({ pinyin: 'li2', initials: 'l2' })
  })

  it('returns empty keys for an empty name', () => {
    expect(nameSearchKeys('')).toEqual({ pinyin: '', initials: '' })
    expect(nameSearchKeys('  ')).toEqual({ pinyin: '', initials: '' })
  })

  it('is deterministic', () => {
    const names = ['张三', '单雄信', '阿卜杜·热合曼', 'Tom张']
    expect(names.map(nameSearchKeys)).toEqual(names.map(nameSearchKeys))
  })
})
