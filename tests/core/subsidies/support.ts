import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CallName, Input, Output } from '../../../src/contract'
import type { ServiceContext } from '../../../src/core/context'
import { dispatch } from '../../../src/core/dispatch'
import { makeIdNumber } from '../../../src/core/shared/id-number'

/** A call through the one door, outputs checked against the contract; a refusal or fault throws. */
export async function call<N extends CallName>(ctx: ServiceContext, name: N, input: Input<N>): Promise<Output<N>> {
  const faults: unknown[] = []
  const answer = await dispatch(ctx, name, input, { validateOutput: true, onFault: (_n, e) => faults.push(e) })
  if ('error' in answer) throw new Error(`${name}: ${answer.error.message} ${answer.error.issues?.join(' | ') ?? ''} ${faults.map(String).join(' ')}`)
  return answer.result as Output<N>
}

/** An outcome's value; its problems fail the test with their words. */
export function valueOf<T>(outcome: { ok: true; value: T } | { ok: false; problems: { message: string }[] }): T {
  if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join(' / '))
  return outcome.value
}

export interface Place {
  district: string
  township: string
  villages: string[]
}

/** 示范区 / 城关镇 with three villages (东街社区, 西街社区, 北村). */
export async function makePlace(ctx: ServiceContext): Promise<Place> {
  const district = valueOf(await call(ctx, 'divisions.setDistrict', { name: '示范区', code: '420102' }))
  const township = valueOf(await call(ctx, 'divisions.create', { level: 'township', parentCode: district.code, name: '城关镇' }))
  const villages: string[] = []
  for (const name of ['东街社区', '西街社区', '北村']) {
    villages.push(valueOf(await call(ctx, 'divisions.create', { level: 'village', parentCode: township.code, name })).code)
  }
  return { district: district.code, township: township.code, villages }
}

let sequence = 100

export interface ChildSpec {
  name: string
  village: string
  birthDate?: string
  categories: string[]
  registeredOn: string
  bankAccount?: string
  guardianName?: string
}

export interface MadeChild {
  id: number
  idNumber: string
  bankAccount: string
  input: Input<'children.create'>
}

export async function addChild(ctx: ServiceContext, spec: ChildSpec): Promise<MadeChild> {
  const seq = sequence++
  const idNumber = makeIdNumber('420102', spec.birthDate ?? '2015-06-15', seq)
  const bankAccount = spec.bankAccount ?? `6217000011${String(seq).padStart(6, '0')}`
  const input = {
    name: spec.name,
    idNumber,
    villageCode: spec.village,
    categories: spec.categories,
    guardianName: spec.guardianName ?? '张大山',
    guardianRelation: '祖父',
    bankAccount,
    registeredOn: spec.registeredOn,
  }
  const created = valueOf(await call(ctx, 'children.create', input))
  return { id: created.id, idNumber, bankAccount, input }
}

/** Writes a FileDownload to the folder and returns its path. */
export function saveDownload(folder: string, download: { fileName: string; dataBase64: string }, name = download.fileName): string {
  const file = join(folder, name)
  writeFileSync(file, Buffer.from(download.dataBase64, 'base64'))
  return file
}
