import { Flex, Typography } from 'antd'
import { useEffect, type ReactNode } from 'react'

/** Title of a page with its main actions on the right; also names the window, which the clerk sees in the taskbar. */
export function PageHeader({ title, extra, sub }: { title: string; extra?: ReactNode; sub?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} - 儿童福利台账`
  }, [title])
  return (
    <Flex align="center" justify="space-between" gap={12} wrap style={{ marginBottom: 16 }}>
      <Flex align="baseline" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </Flex>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  )
}
