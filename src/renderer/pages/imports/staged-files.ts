import { useSyncExternalStore } from 'react'
import { api, ApiError } from '../../api'
import type { FilePreview, ImportChoice, Outcome, SheetKind } from '../../../contract'
import { faultText } from '../../components/use-fault'
import { readAsBase64 } from './read-file'

/**
 * The files waiting on the import page. They live outside the page so that a visit to a child's file or to 区划
 * (to add a missing village) and back finds them as they were; the staged copies wait on the app's side meanwhile.
 */

export type Phase = 'queued' | 'reading' | 'uploading' | 'checking' | 'ready' | 'failed'

export interface StagedEntry {
  /** this page's own key; the app's staged id arrives after the upload */
  key: string
  fileName: string
  size: number
  phase: Phase
  /** reading progress, 0–100 */
  percent: number
  /** why reading, uploading or checking failed */
  error?: string
  id?: string
  kind?: SheetKind
  townshipCode?: string
  /** sheet → column index (as text) → field key, or null: the clerk's corrections */
  mapping: Record<string, Record<string, string | null>>
  remember: boolean
  /** sheet → column index → the field the app found by itself, so setting a column back undoes the correction */
  detected: Record<string, Record<string, string | null>>
  preview?: FilePreview
  /** a preview for this file is under way */
  checking: boolean
}

interface State {
  entries: StagedEntry[]
  activeKey?: string
  /** grows with each file imported, so the list of imports knows to read itself again */
  committed: number
}

let state: State = { entries: [], committed: 0 }
const listeners = new Set<() => void>()

function setState(next: State): void {
  state = next
  for (const listener of listeners) listener()
}

function update(key: string, patch: Partial<StagedEntry> | ((e: StagedEntry) => Partial<StagedEntry>)): void {
  setState({
    ...state,
    entries: state.entries.map((e) => (e.key === key ? { ...e, ...(typeof patch === 'function' ? patch(e) : patch) } : e)),
  })
}

function find(key: string): StagedEntry | undefined {
  return state.entries.find((e) => e.key === key)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useStagedFiles(): State {
  return useSyncExternalStore(subscribe, () => state)
}

export function setActiveKey(key: string): void {
  setState({ ...state, activeKey: key })
}

/** What the app is told about one file: its id and whatever the clerk decided. */
export function choiceOf(entry: StagedEntry): ImportChoice {
  const mapping = Object.keys(entry.mapping).length > 0 ? entry.mapping : undefined
  return {
    id: entry.id ?? '',
    ...(entry.kind ? { kind: entry.kind } : {}),
    ...(entry.townshipCode ? { townshipCode: entry.townshipCode } : {}),
    ...(mapping ? { mapping } : {}),
  }
}

export function mappingChanged(entry: StagedEntry): boolean {
  return Object.values(entry.mapping).some((columns) => Object.keys(columns).length > 0)
}

// ---- upload: one file at a time, so twenty workbooks dropped together do not all sit in memory at once ----

let queue: Promise<unknown> = Promise.resolve()
let serial = 0

/** `activate`: show this file's tab (the first of a batch the clerk just chose). */
export function addFile(file: File, activate = false): void {
  const key = `f${++serial}`
  const entry: StagedEntry = {
    key,
    fileName: file.name,
    size: file.size,
    phase: 'queued',
    percent: 0,
    mapping: {},
    remember: false,
    detected: {},
    checking: false,
  }
  setState({ ...state, entries: [...state.entries, entry], activeKey: activate ? key : (state.activeKey ?? key) })
  queue = queue.then(() => stage(key, file)).then(previewWhenSettled)
}

async function stage(key: string, file: File): Promise<void> {
  if (!find(key)) return // removed while waiting
  try {
    update(key, { phase: 'reading', percent: 0 })
    const dataBase64 = await readAsBase64(file, (percent) => update(key, { percent }))
    if (!find(key)) return
    update(key, { phase: 'uploading', percent: 100 })
    const staged = await api.call('imports.upload', { fileName: file.name, dataBase64 })
    if (!find(key)) {
      void api.call('imports.discard', { id: staged.id }).catch(() => undefined)
      return
    }
    update(key, { phase: 'checking', id: staged.id, fileName: staged.fileName })
  } catch (error) {
    update(key, { phase: 'failed', error: uploadFailureText(error, file) })
  }
}

function uploadFailureText(error: unknown, file: File): string {
  if (error instanceof ApiError && /过大/.test(error.message)) {
    return `文件「${file.name}」太大，无法上传（${error.message}）。请把表格拆成几个文件，或删去无关的工作表后再导入。`
  }
  return faultText(error)
}

/** Once no file is still being read or uploaded, the new ones are checked together with all the others. */
function previewWhenSettled(): void {
  if (state.entries.some((e) => e.phase === 'queued' || e.phase === 'reading' || e.phase === 'uploading')) return
  const waiting = state.entries.filter((e) => e.phase === 'checking' && e.id && !e.checking)
  if (waiting.length === 0) return
  void previewNow(state.entries.filter((e) => e.id && e.phase !== 'failed').map((e) => e.key))
}

// ---- preview ----

let tickets = 0
/** per file, the latest preview asked for: an older answer arriving late must not overwrite a newer one */
const latest = new Map<string, number>()

async function previewNow(keys: string[]): Promise<void> {
  const entries = keys.map(find).filter((e): e is StagedEntry => Boolean(e?.id))
  if (entries.length === 0) return
  const ticket = ++tickets
  for (const e of entries) latest.set(e.key, ticket)
  setState({
    ...state,
    entries: state.entries.map((e) => (entries.some((x) => x.key === e.key) ? { ...e, checking: true } : e)),
  })
  const current = (key: string) => latest.get(key) === ticket && find(key)
  try {
    const answer = await api.call('imports.preview', { files: entries.map(choiceOf) })
    setState({
      ...state,
      entries: state.entries.map((e) => {
        if (!current(e.key)) return e
        const preview = answer.files.find((p) => p.id === e.id)
        return preview
          ? { ...e, preview, detected: detectedOf(e, preview), phase: 'ready', checking: false, error: undefined }
          : e
      }),
    })
  } catch (error) {
    const gone = error instanceof ApiError && error.code === 'refused'
    setState({
      ...state,
      entries: state.entries.map((e) =>
        current(e.key)
          ? { ...e, checking: false, error: faultText(error), phase: gone || !e.preview ? 'failed' : e.phase }
          : e,
      ),
    })
  }
}

/** The app's own reading of each column the clerk has not corrected (a correction hides it). */
function detectedOf(entry: StagedEntry, preview: FilePreview): StagedEntry['detected'] {
  const out: StagedEntry['detected'] = {}
  for (const sheet of preview.sheets) {
    const corrected = entry.mapping[sheet.name] ?? {}
    const known = { ...entry.detected[sheet.name] }
    for (const c of sheet.columns) if (!(String(c.index) in corrected)) known[String(c.index)] = c.field
    out[sheet.name] = known
  }
  return out
}

/** The file itself, and the other children's lists: the same child in two lists is a conflict only seen together. */
function withCompanions(key: string): string[] {
  const entry = find(key)
  if (!entry) return []
  const isChildren = (e: StagedEntry) => (e.kind ?? e.preview?.kind) === 'children'
  // A list that was read as children's until just now (its kind changed) still has conflicts to undo elsewhere.
  const others = isChildren(entry) || entry.preview?.kind === 'children'
    ? state.entries.filter((e) => e.key !== key && e.id && e.phase === 'ready' && isChildren(e)).map((e) => e.key)
    : []
  return [key, ...others]
}

const timers = new Map<string, number>()

/** Checks the file again after the clerk stopped changing it for a moment: one preview per pause, not per click. */
function previewSoon(key: string, delay = 400): void {
  window.clearTimeout(timers.get(key))
  update(key, { checking: true })
  timers.set(
    key,
    window.setTimeout(() => {
      timers.delete(key)
      void previewNow(withCompanions(key))
    }, delay),
  )
}

/** After the registry changed (a village added, another file imported), every waiting file is checked again. */
export function previewAll(): void {
  void previewNow(state.entries.filter((e) => e.id && e.phase === 'ready').map((e) => e.key))
}

export function previewAgain(key: string): void {
  previewSoon(key, 0)
}

// ---- the clerk's choices ----

export function setKind(key: string, kind: SheetKind): void {
  // The columns of one kind of list mean nothing for another.
  update(key, { kind, mapping: {}, detected: {}, remember: false })
  previewSoon(key, 0)
}

export function setTownship(key: string, townshipCode: string | undefined): void {
  update(key, { townshipCode })
  previewSoon(key, 0)
}

export function setColumn(key: string, sheet: string, index: number, field: string | null): void {
  update(key, (e) => {
    const columns = { ...e.mapping[sheet] }
    const found = e.detected[sheet]?.[String(index)]
    // Back to what the app read by itself: no longer a correction (nor one to remember).
    if (found !== undefined && (found === field || (found === 'ignore' && field === null))) delete columns[String(index)]
    else columns[String(index)] = field
    const mapping = { ...e.mapping, [sheet]: columns }
    if (Object.keys(columns).length === 0) delete mapping[sheet]
    return { mapping }
  })
  previewSoon(key)
}

export function setRemember(key: string, remember: boolean): void {
  update(key, { remember })
}

// ---- leaving the list ----

function drop(key: string): void {
  window.clearTimeout(timers.get(key))
  timers.delete(key)
  latest.delete(key)
  const index = state.entries.findIndex((e) => e.key === key)
  const entries = state.entries.filter((e) => e.key !== key)
  const activeKey =
    state.activeKey === key ? (entries[Math.min(index, entries.length - 1)]?.key ?? undefined) : state.activeKey
  setState({ ...state, entries, activeKey })
}

/** Takes the file off the list; the staged copy is deleted (a failure there only leaves a file the app sweeps later). */
export async function discard(key: string): Promise<void> {
  const entry = find(key)
  // Conflicts with this list's children no longer hold for the other lists.
  const companions = entry ? withCompanions(key).slice(1) : []
  drop(key)
  if (entry?.id) await api.call('imports.discard', { id: entry.id }).catch(() => undefined)
  if (companions.length > 0) void previewNow(companions)
  previewWhenSettled()
}

export type CommitAnswer = Outcome<{ batchId: number; counts: FilePreview['counts'] }>

export async function commit(key: string): Promise<CommitAnswer> {
  const entry = find(key)
  if (!entry?.id) return { ok: false, problems: [{ message: '该文件尚未上传完成。' }] }
  const choice = choiceOf(entry)
  // A remembered mapping belongs to a township and a kind of list: name both even when the app found them itself.
  const township = entry.townshipCode ?? entry.preview?.township?.code
  const kind = entry.kind ?? entry.preview?.kind ?? undefined
  const remember = entry.remember && mappingChanged(entry) && Boolean(township) && Boolean(kind)
  const answer = await api.call('imports.commit', {
    ...choice,
    ...(remember && township && kind ? { townshipCode: township, kind } : {}),
    rememberMapping: remember,
  })
  if (answer.ok) {
    drop(key)
    setState({ ...state, committed: state.committed + 1 })
    // What the others would add or change is different now.
    previewAll()
  }
  return answer
}
