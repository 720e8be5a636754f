import { BarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import type { EChartsCoreOption } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'

// Only what the pages draw: bars on a grid with tooltips. The full build would add a megabyte to the app.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

/** One chart that follows its options and its box's size. */
export function EChart({ option, height = 280, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    const element = box.current
    if (!element) return
    const instance = echarts.init(element, undefined, { renderer: 'canvas' })
    chart.current = instance
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(element)
    return () => {
      resize.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />
}

export interface BarSeries {
  name: string
  values: number[]
  color: string
}

/** Bars with a name under each; several series stand side by side with a legend. */
export function barsOption(names: string[], series: BarSeries[], unit: string): EChartsCoreOption {
  return {
    grid: { left: 56, right: 16, top: series.length > 1 ? 36 : 24, bottom: names.length > 8 ? 64 : 32 },
    legend: series.length > 1 ? { top: 0 } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${v as number}${unit}` },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      itemStyle: { color: s.color },
      barMaxWidth: 36,
      label: { show: series.length === 1 && names.length <= 12, position: 'top' },
    })),
    animation: false,
  }
}

/** One series of bars, as the workforce page draws them. */
export function barOption(names: string[], values: number[], unit: string, color = '#1677ff'): EChartsCoreOption {
  return barsOption(names, [{ name: '', values, color }], unit)
}
