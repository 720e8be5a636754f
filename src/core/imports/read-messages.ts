/**
 * Every sentence a clerk can see when a file cannot be read. They name the file and say what to do next, because the
 * clerk usually did not make the file: a township did, and the clerk must know whether to fix it or send it back.
 */

export const readMessages = {
  notFound: (file: string) => `找不到文件「${file}」，可能已被移动、改名或删除，请重新选择文件。`,
  locked: (file: string) =>
    `文件「${file}」正被其他程序（如 Excel、WPS）打开或无权读取，请关闭该文件后重试。`,
  isFolder: (file: string) => `「${file}」是一个文件夹，不是表格文件，请选择文件夹里的表格文件。`,
  cannotOpen: (file: string, detail: string) =>
    `无法打开文件「${file}」（${detail}），请把文件复制到桌面后重试。`,
  empty: (file: string) => `文件「${file}」是空文件（0 字节），可能下载或复制未完成，请让乡镇重新发送。`,
  tooLarge: (file: string, limitBytes: number) =>
    `文件「${file}」太大（超过 ${formatBytes(limitBytes)}），不像是一份乡镇台账，请确认文件是否选错，或拆分后分批导入。`,
  corrupt: (file: string) => `文件「${file}」已损坏或不完整（可能下载或复制未完成），请让乡镇重新发送。`,
  /** `why`: what was abnormal, from zipBombReason */
  zipBomb: (file: string, why: string) =>
    `文件「${file}」解压后的体积异常（${why}），不是正常的表格文件，已拒绝读取。` +
    `请让乡镇用 Excel 或 WPS 重新保存后再发送。`,
  notSpreadsheet: (file: string, looksLike?: string) =>
    looksLike
      ? `文件「${file}」不是 Excel 表格（看起来是${looksLike}），请确认附件是否选错。`
      : `文件「${file}」不是 Excel 表格，也不是 CSV 文件，请确认附件是否选错。`,
  plainZip: (file: string) =>
    `文件「${file}」是一个压缩包（ZIP），不是 Excel 表格，请先解压，再选择压缩包里的表格文件。`,
  textNotCsv: (file: string) =>
    `文件「${file}」不是 Excel 表格（内容是纯文本）。如果它本来就是 CSV 文件，请把扩展名改为 .csv 后再导入；` +
    `否则请确认附件是否选错。`,
  fakeXls: (file: string, what: string) =>
    `文件「${file}」不是真正的 Excel 表格（看起来是${what}，常见于从业务系统导出的表格），` +
    `请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再导入。`,
  otherSpreadsheet: (file: string, what: string) =>
    `文件「${file}」是${what}，本程序不能直接读取，请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再导入。`,
  password: (file: string) =>
    `文件「${file}」设置了打开密码，无法读取。请在 Excel 或 WPS 中打开后取消密码（另存为不加密的文件）再导入。`,
  noSheets: (file: string) => `文件「${file}」里没有任何工作表，请确认文件内容是否完整。`,
  tooManyRows: (file: string, sheet: string, maxRows: number) =>
    `文件「${file}」的工作表「${sheet}」超过 ${maxRows} 行，请拆分后分批导入。`,
  badEncoding: (file: string) =>
    `文件「${file}」的文字编码无法识别（读出来会是乱码）。请用 Excel 或 WPS 打开它，` +
    `“另存为”“CSV UTF-8（逗号分隔）”格式，或直接另存为 Excel 工作簿（.xlsx）后再导入。`,
  unexpected: (file: string, detail: string) =>
    `读取文件「${file}」时出错（${detail}）。请用 Excel 或 WPS 打开后重新保存为 .xlsx 再试；如仍失败，请把文件交给技术支持。`,
}

export const zipBombReason = {
  total: (limitBytes: number) => `超过 ${formatBytes(limitBytes)}`,
  ratio: (entryBytes: number) => `其中一个部件压缩了一千多倍，解压后达 ${formatBytes(entryBytes)}`,
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${trimNumber(bytes / (1024 * 1024 * 1024))} GB`
  if (bytes >= 1024 * 1024) return `${trimNumber(bytes / (1024 * 1024))} MB`
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} KB`
  return `${bytes} 字节`
}

function trimNumber(n: number): string {
  return n.toFixed(1).replace(/\.0$/, '')
}
