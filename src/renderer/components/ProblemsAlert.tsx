import { Alert } from 'antd'
import type { Problem } from '../../contract'

/** The problems of a refused save that name no field of the form: shown once, at the top. */
export function ProblemsAlert({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null
  const [first] = problems
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={problems.length === 1 ? first?.message : '未能保存，请处理以下问题：'}
      description={
        problems.length > 1 ? (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  )
}
