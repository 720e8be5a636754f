import { contextBridge, ipcRenderer } from 'electron'

// The renderer gets exactly one function; everything else stays on the main side.
contextBridge.exposeInMainWorld('cwr', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('cwr:call', String(name), input),
})
