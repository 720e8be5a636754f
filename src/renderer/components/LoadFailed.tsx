import { Button, Result } from 'antd'
import { faultText } from './use-fault'

/** A page whose data could not be read: say why and offer to try again rather than show an empty page. */
export function LoadFailed({ error, onRetry, extra }: { error: unknown; onRetry?: () => void; extra?: React.ReactNode }) {
  return (
    <Result
      status="warning"
      title="未能读取数据"
      subTitle={faultText(error)}
      extra={
        <>
          {onRetry ? (
            <Button type="primary" onClick={onRetry}>
              重试
            </Button>
          ) : null}
          {extra}
        </>
      }
    />
  )
}
