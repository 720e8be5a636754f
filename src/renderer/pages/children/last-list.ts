// The list's last address (filters, page), so "返回列表" from a file or a form lands where the clerk left off,
// whatever way they reached the file.
let lastList = '/children'

export function rememberList(hashPath: string): void {
  lastList = hashPath
}

export function listAddress(): string {
  return lastList
}
