/** Bytes per slice: a multiple of 3, so each slice encodes to base64 on its own and the pieces join without padding. */
const SLICE = 3 * 16 * 1024

/**
 * A chosen file as base64 for `imports.upload`. The bytes are encoded a slice at a time: spreading a whole 20 MB
 * workbook into String.fromCharCode would overflow the call stack.
 */
export function readAsBase64(file: File, onProgress: (percent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100))
    }
    reader.onerror = () => reject(new Error(`无法读取文件「${file.name}」，请确认文件没有被其他程序占用。`))
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result as ArrayBuffer)
      const parts: string[] = []
      for (let start = 0; start < bytes.length; start += SLICE) {
        const slice = bytes.subarray(start, start + SLICE)
        let binary = ''
        // 4096 arguments per call stays far below any engine's limit.
        for (let i = 0; i < slice.length; i += 4096) {
          binary += String.fromCharCode.apply(null, slice.subarray(i, i + 4096) as unknown as number[])
        }
        parts.push(btoa(binary))
      }
      onProgress(100)
      resolve(parts.join(''))
    }
    reader.readAsArrayBuffer(file)
  })
}

const ACCEPTED = /\.(xlsx|xls|csv)$/i

export function isAcceptedFile(name: string): boolean {
  return ACCEPTED.test(name)
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
