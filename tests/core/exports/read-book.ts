import ExcelJS from 'exceljs'
import type { Worksheet } from 'exceljs'

/** Loads a written workbook whole, the way a test inspects what a clerk would open. */
export async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  return workbook
}

/** A row's cell values from column A on (exceljs pads index 0). */
export function rowValues(ws: Worksheet, row: number, width?: number): unknown[] {
  const values = (ws.getRow(row).values as unknown[]).slice(1)
  const count = width ?? values.length
  return Array.from({ length: count }, (_, i) => values[i] ?? null)
}

/** Rows under the header that hold anything (the register's data rows). */
export function dataRows(ws: Worksheet, headerRow = 3): number[] {
  const rows: number[] = []
  ws.eachRow((row, number) => {
    if (number > headerRow && row.hasValues) rows.push(number)
  })
  return rows
}

export function mergesOf(ws: Worksheet): string[] {
  return (ws.model as unknown as { merges: string[] }).merges
}

export interface ReadValidation {
  type: string
  formulae?: unknown[]
  allowBlank?: boolean
  showErrorMessage?: boolean
  errorStyle?: string
}

export function validationAt(ws: Worksheet, address: string): ReadValidation | undefined {
  return (ws as unknown as { dataValidations: { model: Record<string, ReadValidation> } }).dataValidations.model[address]
}
