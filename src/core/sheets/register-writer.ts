import type { WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { Style, Worksheet } from 'exceljs'
import {
  BODY_STYLES,
  HEADER_STYLE,
  landscapePageSetup,
  PAGE_FOOTER,
  safeSheetName,
  SUBTITLE_STYLE,
  TITLE_STYLE,
  type RegisterColumn,
} from './book-style'
import { newStreamingBook } from './books'

/** What every sheet of a register repeats: a title, the unit/date line and the header (rows 1–3). */
export interface RegisterLayout {
  title: string
  unitLine: string
  columns: RegisterColumn[]
}

export type RegisterCell = string | number | null

export interface RegisterSheet {
  /** writes one data row straight to the file: the cells must match the layout's columns */
  addRow(cells: RegisterCell[]): void
  /**
   * writes many rows, giving the zip compressor a turn every few dozen rows: it then deflates on
   * its worker thread while the next rows are built, and what waits for it stays small
   */
  addRows(rows: Iterable<RegisterCell[]>): Promise<void>
  readonly rows: number
}

export interface RegisterBook {
  /** starts a new sheet (the previous one is finished first: a streamed sheet cannot be reopened) */
  addSheet(name: string): RegisterSheet
  /** completes the file; returns the number of data rows written */
  finish(): Promise<number>
  /** stops writing and removes the partial file */
  abandon(): Promise<void>
}

const HEADER_ROW = 3
/** Data rows carry no style of their own; one shared object lets exceljs cache its id. */
const ROW_STYLE: Partial<Style> = Object.freeze({})

/** Rows written between two turns of the event loop in addRows (about one 64 KB buffer of XML). */
const ROWS_PER_TURN = 48
/** Uncompressed XML allowed to wait for the zip before the writer holds back. */
const BACKLOG_LIMIT = 4 * 1024 * 1024
/** Waiting for the zip never lasts longer than this: a stalled zip must not hang the export. */
const DRAIN_TIMEOUT_MS = 10_000

interface StreamState {
  length?: number
}
/** The parts of exceljs's per-sheet stream (a StreamBuf) and of archiver's entry stream we read. */
export interface SheetStream {
  buffers?: { length?: number }[]
  pipes?: { _writableState?: StreamState; _readableState?: StreamState }[]
}

/**
 * exceljs hands each sheet's XML to the zip without backpressure: without a measure of what waits,
 * a large sheet would sit in memory whole. This reads stream internals: the sheet's own buffers
 * until the zip reaches it, then the zip's input queue. Anything unexpected counts as empty, so a
 * changed exceljs or archiver costs memory, never a hang.
 */
export function pendingBytes(stream: SheetStream): number {
  const pipe = stream.pipes?.[0]
  if (pipe) return (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0)
  return (stream.buffers ?? []).reduce((sum, b) => sum + (b.length ?? 0), 0)
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Paces a streamed sheet: call it after each row. Every ROWS_PER_TURN rows it gives the event loop a turn, so
 * the zip deflates on its worker thread while the next rows are built; when more than BACKLOG_LIMIT of XML
 * still waits (as `pending` measures it), it pauses until half of that is taken, never longer than
 * DRAIN_TIMEOUT_MS.
 */
export function zipPacer(pending: () => number): () => Promise<void> {
  let sinceTurn = 0
  return async () => {
    if (++sinceTurn < ROWS_PER_TURN) return
    sinceTurn = 0
    await nextTurn()
    if (pending() <= BACKLOG_LIMIT) return
    const until = Date.now() + DRAIN_TIMEOUT_MS
    // Sleeping, not spinning: the compressor needs the CPU this loop would otherwise burn.
    while (pending() > BACKLOG_LIMIT / 2 && Date.now() < until) await sleep(1)
  }
}

/**
 * A register (名册) written with exceljs's streaming writer: each row goes to the zip as soon as it
 * is added, so 100,000 children take bounded memory. Knows nothing of the database.
 */
export function openRegisterBook(out: string, layout: RegisterLayout): RegisterBook {
  const workbook = newStreamingBook(out)
  const taken = new Set<string>()
  const styles: Partial<Style>[] = layout.columns.map((c) => BODY_STYLES[c.kind])
  const width = layout.columns.length
  let current: Worksheet | undefined
  let total = 0
  // finished sheets whose XML the zip may not have taken yet, and the one being written
  let finished: SheetStream[] = []
  let writing: SheetStream | undefined

  function backlog(): number {
    let sum = writing ? pendingBytes(writing) : 0
    finished = finished.filter((stream) => {
      const bytes = pendingBytes(stream)
      sum += bytes
      return bytes > 0 || !stream.pipes?.length
    })
    return sum
  }

  function finishSheet(): void {
    if (!current) return
    current.commit()
    if (writing) finished.push(writing)
    current = writing = undefined
  }

  function startSheet(name: string): Worksheet {
    const ws = workbook.addWorksheet(safeSheetName(name, taken), {
      // The streaming writer writes the view and print setup when the sheet opens: they must come now.
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
      pageSetup: landscapePageSetup(HEADER_ROW),
      headerFooter: { oddFooter: PAGE_FOOTER },
    })
    writing = (ws as unknown as { stream: SheetStream }).stream
    ws.columns = layout.columns.map((c) => ({ width: c.width }))
    ws.mergeCells(1, 1, 1, width)
    ws.mergeCells(2, 1, 2, width)
    const title = ws.getRow(1)
    title.height = 32
    title.getCell(1).value = layout.title
    title.getCell(1).style = TITLE_STYLE
    title.commit()
    const unit = ws.getRow(2)
    unit.height = 20
    unit.getCell(1).value = layout.unitLine
    unit.getCell(1).style = SUBTITLE_STYLE
    unit.commit()
    const header = ws.getRow(HEADER_ROW)
    header.height = 30
    layout.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1)
      cell.value = c.header
      cell.style = HEADER_STYLE
    })
    header.commit()
    return ws
  }

  return {
    addSheet(name) {
      finishSheet()
      const ws = (current = startSheet(name))
      let next = HEADER_ROW + 1
      let rows = 0
      function addRow(cells: RegisterCell[]): void {
        const row = ws.getRow(next++)
        // Each new row brings its own empty style object, which exceljs would look up from scratch.
        ;(row as unknown as { style: Partial<Style> }).style = ROW_STYLE
        for (let i = 0; i < width; i++) {
          const cell = row.getCell(i + 1)
          const value = cells[i]
          // An empty string would still be written as a text cell; null leaves only the border.
          if (value !== '' && value != null) cell.value = value
          cell.style = styles[i]!
        }
        row.commit()
        rows++
        total++
      }
      return {
        addRow,
        async addRows(source) {
          const pace = zipPacer(backlog)
          for (const cells of source) {
            addRow(cells)
            await pace()
          }
        },
        get rows() {
          return rows
        },
      }
    },
    async finish() {
      finishSheet()
      await workbook.commit()
      return total
    },
    async abandon() {
      const internals = workbook as unknown as { zip?: { abort(): void }; stream?: WriteStream }
      internals.zip?.abort()
      const file = internals.stream
      // The file may still be opening: removing it before the stream has closed could leave it behind.
      if (file && !file.closed) {
        await new Promise<void>((resolve) => {
          file.once('close', () => resolve())
          file.destroy()
        })
      }
      await rm(out, { force: true })
    },
  }
}
