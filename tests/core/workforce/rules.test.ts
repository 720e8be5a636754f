import { describe, expect, it } from 'vitest'
import { ageBuckets, centresNeeded, percent, spreadOf, tally, tenureBuckets, yearsBetween } from '../../../src/core/workforce/rules'

describe('workforce figures', () => {
  it('spreads loads into mean, median and max', () => {
    expect(spreadOf([])).toEqual({ mean: null, median: null, max: null })
    expect(spreadOf([7])).toEqual({ mean: 7, median: 7, max: 7 })
    expect(spreadOf([1, 9, 2, 4])).toEqual({ mean: 4, median: 3, max: 9 })
    expect(spreadOf([1, 2, 2])).toEqual({ mean: 1.7, median: 2, max: 2 })
  })

  it('gives shares in percent with one decimal, and none of nothing', () => {
    expect(percent(1, 3)).toBe(33.3)
    expect(percent(2, 3)).toBe(66.7)
    expect(percent(0, 0)).toBeNull()
  })

  it('puts each age in one bucket, 60 itself among the 60s, unknown ages apart', () => {
    const buckets = ageBuckets([29, 30, 59, 60, 69, 70, 85, null])
    expect(buckets.map((b) => [b.label, b.count])).toEqual([
      ['30岁以下', 1], ['30–39岁', 1], ['40–49岁', 0], ['50–59岁', 1], ['60–69岁', 2], ['70岁及以上', 2], ['未填出生日期', 1],
    ])
    expect(ageBuckets([40]).map((b) => b.label)).not.toContain('未填出生日期')
  })

  it('counts whole years in post, and buckets them', () => {
    expect(yearsBetween('2016-03-01', '2026-02-28')).toBe(9)
    expect(yearsBetween('2016-03-01', '2026-03-01')).toBe(10)
    expect(yearsBetween(null, '2026-03-01')).toBeNull()
    expect(tenureBuckets([0, 1, 2, 3, 5, 9, 10, null]).map((b) => b.count)).toEqual([1, 2, 1, 2, 1, 1])
  })

  it('tallies posts held alongside, most frequent first, blanks under one name', () => {
    expect(tally(['妇联主席', '', '村委委员', '妇联主席', ' '], '无兼任')).toEqual([
      { label: '妇联主席', count: 2 }, { label: '无兼任', count: 2 }, { label: '村委委员', count: 1 },
    ])
  })

  it('plans centres per township, rounding each up', () => {
    expect(centresNeeded([7, 5, 1], 5)).toBe(4)
    expect(centresNeeded([7, 5, 1], 6)).toBe(4)
    expect(centresNeeded([12, 6], 6)).toBe(3)
    expect(centresNeeded([], 5)).toBe(0)
  })
})
