import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { ServiceContext } from '../src/core/context'
import { dispatch } from '../src/core/dispatch'
import { isPlausibleCallName, isTrustedPage } from './trusted-sender'

export const CALL_CHANNEL = 'cwr:call'

/** The one IPC channel: every call is checked for its sender, then validated by the contract. */
export function registerCallChannel(ctx: ServiceContext, appUrl: string): void {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!isTrustedPage(event.senderFrame?.url, appUrl)) {
      return { error: { code: 'unauthorised', message: '拒绝访问：调用来自未知页面。' } }
    }
    if (!isPlausibleCallName(name)) {
      return { error: { code: 'unknown_call', message: '未知的调用。' } }
    }
    return dispatch(ctx, name, input, {
      onFault: (call, error) => console.error(`[ipc] ${call} 出错：${error instanceof Error ? error.name : 'Error'}`),
    })
  })
}
