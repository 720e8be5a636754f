import { App } from 'antd'
import { useCallback, useState } from 'react'
import type { FileDownload } from '../../contract'
import { useFault } from './use-fault'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * Hands a workbook from the app to the clerk as a file: the browser (and Electron's download handler) asks where to
 * save it or puts it in the downloads folder under its own name.
 */
export function saveDownload({ fileName, dataBase64 }: FileDownload): void {
  const type = fileName.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'application/octet-stream'
  const url = URL.createObjectURL(new Blob([bytesOf(dataBase64)], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The click starts the download at once; the address is released a little later, after the browser read it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * One button's export: which one is busy (for its spinner), then the file saved and a word to the clerk; a failure
 * becomes a message.error.
 */
export function useDownload() {
  const [busy, setBusy] = useState<string | null>(null)
  const fault = useFault()
  const { message } = App.useApp()
  const run = useCallback(
    async (key: string, make: () => Promise<FileDownload | null>, emptyText = '没有可下载的内容。') => {
      setBusy(key)
      try {
        const file = await make()
        if (!file) {
          void message.info(emptyText)
          return
        }
        saveDownload(file)
        void message.success(`已生成：${file.fileName}`)
      } catch (error) {
        fault(error)
      } finally {
        setBusy(null)
      }
    },
    [fault, message],
  )
  return { busy, run }
}
