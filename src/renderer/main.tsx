import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppShell } from './AppShell'
import { LockGate } from './components/LockGate'
import './global.css'

dayjs.locale('zh-cn')

const root = document.getElementById('root')
if (!root) throw new Error('index.html 缺少 #root')

createRoot(root).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      // "取 消" with an inserted space reads oddly to screen readers and breaks lookups by the visible text.
      button={{ autoInsertSpace: false }}
      theme={{
        token: { fontSize: 14, borderRadius: 4 },
        components: { Table: { cellPaddingBlockSM: 6 } },
      }}
    >
      <AntApp>
        <LockGate>
          <AppShell />
        </LockGate>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
)
