import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { contract, type CallName, type Input } from '../../src/contract'
import { dispatch, type CallAnswer } from '../../src/core/dispatch'
import { seededRandom } from '../../src/core/demo/people'
import { demoRegistry, tableFingerprint, type TempRegistry } from '../support/temp-registry'

/**
 * Malformed payloads through the one door: whatever arrives, dispatch answers with a value, in
 * Chinese, without a stack trace, and without touching the database.
 */

const CJK = /[\u4e00-\u9fff]/
const STACK = [/\bat\s+\S*[\\/]\S+\.(?:[cm]?[jt]s)x?:\d+/, /Error:/, /node_modules/, /\/work\//, /\bfile:\/\//]

const CALLS = Object.keys(contract) as CallName[]

/** Calls that write; they only ever get payloads that are invalid by construction. */
const WRITE_CALLS = [
  'divisions.setDistrict',
  'divisions.create',
  'divisions.rename',
  'divisions.move',
  'divisions.retire',
  'divisions.restore',
  'categories.save',
  'children.create',
  'children.update',
  'children.exit',
  'supervisors.create',
  'supervisors.update',
  'directors.create',
  'directors.update',
  'trainings.add',
  'trainings.remove',
  'imports.upload',
  'imports.preview',
  'imports.commit',
  'imports.errorBook',
  'imports.discard',
  'imports.undo',
  'programmes.save',
  'rosters.generate',
  'rosters.lock',
  'rosters.discard',
  'lock.setPassword',
  'lock.recover',
  'lock.clear',
  'backups.create',
  'backups.restore',
  'reviews.add',
  'reviews.check',
  'reviews.remove',
  'visits.add',
  'visits.resolve',
  'visits.remove',
  'assessments.save',
  'services.catalogueSave',
  'services.plan',
  'services.deliver',
  'documents.add',
  'documents.remove',
  'settings.save',
] as const satisfies readonly CallName[]
const READ_CALLS = [
  'app.info',
  'dashboard.summary',
  'divisions.tree',
  'divisions.list',
  'categories.list',
  'children.list',
  'children.get',
  'supervisors.list',
  'supervisors.get',
  'directors.list',
  'directors.get',
  'imports.batches',
  'imports.batchProblems',
  'exports.children',
  'exports.staff',
  'exports.template',
  'workforce.staffing',
  'workforce.overview',
  'workforce.township',
  'exports.staffing',
  'trainings.list',
  'programmes.list',
  'rosters.list',
  'rosters.get',
  'rosters.pages',
  'rosters.reconcile',
  'rosters.export',
  'budget.year',
  'lock.status',
  'lock.unlock',
  'lock.lock',
  'audit.list',
  'exports.audit',
  'backups.list',
  'backups.download',
  'backups.check',
  'children.file',
  'reviews.list',
  'visits.list',
  'services.catalogue',
  'followup.stale',
  'dashboard.work',
  'reports.categories',
  'reports.services',
  'reports.completion',
  'exports.categoriesReport',
  'exports.servicesReport',
  'exports.completionReport',
  'settings.get',
] as const satisfies readonly CallName[]

const HUGE = 'x'.repeat(200_000)
const HUGE_CJK = '张'.repeat(50_000)

function nested(depth: number): unknown {
  let value: unknown = { leaf: 'x' }
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}
function nestedArray(depth: number): unknown {
  let value: unknown = ['x']
  for (let i = 0; i < depth; i++) value = [value]
  return value
}
/** An object whose every field is the object itself (IPC's structured clone can carry cycles). */
function cyclic(fields: string[]): unknown {
  const value: Record<string, unknown> = {}
  for (const field of ['self', ...fields]) value[field] = value
  return value
}

const STAGED = '0123456789abcdef01234567'

const staff = {
  divisionCode: '420102901901',
  name: '李梅',
  sex: 'F',
  birthDate: '1980-05-06',
  phone: '13800001111',
  partTime: true,
  concurrentPost: '妇联主席',
  education: '高中',
  trained: false,
  startDate: '2024-03-01',
  alsoServes: [] as string[],
  endDate: '',
  notes: '',
} as const
const child = {
  name: '张三',
  idNumber: '420102201501010011',
  villageCode: '420102901901',
  categories: ['orphan'],
  address: '城关镇东街社区1号',
  guardianName: '张大',
  guardianRelation: '祖父',
  guardianPhone: '13800002222',
  bankAccount: '6217000000000000',
  registeredOn: '2026-01-01',
  notes: '',
} as const

/** A valid payload for every call, every field present, so each field can be broken on its own. */
const BASES: { [N in CallName]: Input<N> } = {
  'app.info': {},
  'dashboard.summary': {},
  'divisions.tree': { includeRetired: false },
  'divisions.setDistrict': { name: '示范区', code: '420102' },
  'divisions.create': { level: 'village', parentCode: '420102901000', name: '新村', code: '420102901950' },
  'divisions.rename': { code: '420102901901', name: '东街新社区' },
  'divisions.move': { code: '420102901901', parentCode: '420102902000' },
  'divisions.retire': { code: '420102901901', on: '2026-01-01' },
  'divisions.restore': { code: '420102901901' },
  'divisions.list': {},
  'categories.list': {},
  'categories.save': { code: 'orphan', name: '孤儿', dimension: 'guardianship', aliases: ['散居孤儿'] },
  'children.list': {
    townshipCode: '420102901000',
    villageCode: '420102901901',
    category: 'orphan',
    search: 'zs',
    status: 'all',
    page: 1,
    pageSize: 50,
    fullNumbers: false,
  },
  'children.get': { id: 1 },
  'children.create': { ...child, categories: [...child.categories] },
  'children.update': { ...child, categories: [...child.categories], id: 1 },
  'children.exit': { id: 1, reason: 'moved_away', date: '2026-01-01' },
  'supervisors.list': { townshipCode: '420102901000', includeFormer: true },
  'supervisors.get': { id: 1 },
  'supervisors.create': { ...staff, divisionCode: '420102901000' },
  'supervisors.update': { ...staff, divisionCode: '420102901000', id: 1 },
  'directors.list': { townshipCode: '420102901000', includeFormer: false },
  'directors.get': { id: 1 },
  'directors.create': { ...staff },
  'directors.update': { ...staff, id: 1 },
  'imports.upload': { fileName: '城关镇.xlsx', dataBase64: 'UEsDBA==' },
  'imports.preview': { files: [{ id: STAGED, kind: 'children', townshipCode: '420102901000', mapping: { Sheet1: { '2': 'name' } } }] },
  'imports.commit': { id: STAGED, kind: 'children', townshipCode: '420102901000', mapping: { Sheet1: { '2': null } }, rememberMapping: true },
  'imports.errorBook': { id: STAGED, kind: 'children', townshipCode: '420102901000', mapping: {} },
  'imports.discard': { id: STAGED },
  'imports.batches': {},
  'imports.batchProblems': { batchId: 1 },
  'imports.undo': { batchId: 1 },
  'exports.children': { townshipCode: '420102901000', fullNumbers: false },
  'exports.staff': { kind: 'directors', fullNumbers: false },
  'exports.template': { kind: 'children', townshipCode: '420102901000' },
  'workforce.staffing': { date: '2026-11-23' },
  'workforce.overview': { date: '2026-11-23', villagesPerCentre: 6 },
  'workforce.township': { code: '420102901000', date: '2026-11-23' },
  'exports.staffing': { date: '2026-11-23' },
  'trainings.list': { personKind: 'director', personId: 1 },
  'trainings.add': { personKind: 'director', personId: 1, heldOn: '2026-03-01', course: '儿童主任业务培训', hoursTenths: 15 },
  'trainings.remove': { id: 1 },
  'programmes.list': {},
  'programmes.save': {
    code: 'disability-living',
    name: '困难残疾人生活补贴',
    kind: 'child',
    period: 'month',
    categories: ['disabled'],
    excludedBy: [],
    ageLimit: 18,
    extension: { untilAge: 22, needs: 'school-enrolment' },
    startRule: 'month-after-registration',
    endRule: 'month-of-exit',
    standards: [{ amountFen: 30000, effectiveFrom: '2026-01-01', effectiveTo: null, group: null }],
    active: true,
  },
  'rosters.list': { programme: 'orphan-basic' },
  'rosters.generate': { programme: 'orphan-basic', month: '2026-11', months: 3 },
  'rosters.get': { id: 1, fullNumbers: false, page: 1, pageSize: 100 },
  'rosters.pages': { id: 1, rowsPerPage: 20, fullNumbers: false },
  'rosters.lock': { id: 1 },
  'rosters.discard': { id: 1 },
  'rosters.reconcile': { id: 1 },
  'rosters.export': { id: 1, fullNumbers: false, rowsPerPage: 20 },
  'budget.year': { programme: 'orphan-basic', year: 2026, whatIf: { newAmountFen: 130000, fromMonth: '2026-07', caseloadChangePercent: 10 } },
  'lock.status': {},
  'lock.setPassword': { currentPassword: 'old-pass-2026', newPassword: 'new-pass-2026' },
  'lock.unlock': { password: 'any-pass-2026' },
  'lock.lock': {},
  'lock.recover': { recoveryCode: '7K3D-QX9M-2HPA-W4TB-E6RN', newPassword: 'new-pass-2026' },
  'lock.clear': { password: 'any-pass-2026' },
  'audit.list': {
    actor: '测试员',
    from: '2026-01-01',
    to: '2026-12-31',
    entity: 'child',
    entityId: '1',
    childId: 1,
    child: '张',
    page: 1,
    pageSize: 50,
    fullNumbers: false,
  },
  'exports.audit': { actor: '测试员', from: '2026-01-01', to: '2026-12-31', entity: 'child', entityId: '1', childId: 1, child: '张', fullNumbers: false },
  'backups.list': {},
  'backups.create': {},
  'backups.restore': { name: 'registry-20261123-093000-manual.db' },
  'backups.download': { name: 'registry-20261123-093000-manual.db' },
  'backups.check': {},
  'children.file': { id: 1 },
  'reviews.list': { townshipCode: '420102901000', villageCode: '420102901901', childId: 1, quarter: '2026-Q3', checked: 'all', page: 1, pageSize: 50 },
  'reviews.add': { childId: 1, reviewedOn: '2026-10-08', reviewer: '李梅', quarter: '2026-Q4', noChange: false, changes: '监护人电话变更' },
  'reviews.check': { id: 1, checker: '王督导' },
  'reviews.remove': { id: 1 },
  'visits.list': { townshipCode: '420102901000', villageCode: '420102901901', childId: 1, risk: 'open', from: '2026-01-01', to: '2026-12-31', page: 1, pageSize: 50 },
  'visits.add': { childId: 1, visitedOn: '2026-10-08', visitor: '李梅', kind: 'home', findings: '祖母住院，无人照料', risk: 'no-guardian' },
  'visits.remove': { id: 1 },
  'visits.resolve': { id: 1, action: '联系伯父临时照料', resolvedBy: '王督导', resolvedOn: '2026-10-09' },
  'assessments.save': {
    childId: 1,
    assessedOn: '2026-10-08',
    assessor: '李梅',
    selfLevel: 'general',
    selfNotes: '',
    familyLevel: 'key',
    familyNotes: '低保家庭',
    guardianshipLevel: 'urgent',
    guardianshipNotes: '祖母年迈',
    services: ['counselling'],
  },
  'services.catalogue': { includeInactive: true },
  'services.catalogueSave': { code: 'counselling', name: '心理辅导', area: 'mental', dimension: 'self', active: true },
  'services.plan': { childId: 1, serviceCode: 'counselling', plannedOn: '2026-10-08', provider: '区社工站', notes: '' },
  'services.deliver': { childId: 1, serviceCode: 'counselling', planId: 1, deliveredOn: '2026-10-20', provider: '区社工站', notes: '' },
  'documents.add': { childId: 1, type: 'school-enrolment', title: '在校就读证明', issuedOn: '2026-09-01', validUntil: '2027-07-31', notes: '' },
  'documents.remove': { id: 1 },
  'followup.stale': { asOf: '2026-11-23', townshipCode: '420102901000', villageCode: '420102901901', page: 1, pageSize: 50 },
  'dashboard.work': { asOf: '2026-11-23' },
  'reports.categories': { date: '2026-11-23' },
  'reports.services': { from: '2026-01-01', to: '2026-12-31' },
  'reports.completion': { quarter: '2026-Q3' },
  'exports.categoriesReport': { date: '2026-11-23' },
  'exports.servicesReport': { from: '2026-01-01', to: '2026-12-31' },
  'exports.completionReport': { quarter: '2026-Q3' },
  'settings.get': {},
  'settings.save': { reviewDeadlineDays: 20 },
}

type Kind = 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'union' | 'record' | 'object'
interface Field {
  name: string
  kind: Kind
  required: boolean
  /** null is a valid value (e.g. no age limit), so it is not among the wrong ones */
  nullable: boolean
}

/** Reads the field list of a call's input from the contract itself (zod v4 definitions). */
function fieldsOf(name: CallName): Field[] {
  const input = contract[name].input as unknown as { shape: Record<string, z.ZodType> }
  return Object.entries(input.shape).map(([field, schema]) => {
    let def = (schema as unknown as { def: { type: string; innerType?: { def: unknown } } }).def
    while (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') def = def.innerType!.def as typeof def
    if (!['string', 'number', 'boolean', 'enum', 'array', 'union', 'record', 'object'].includes(def.type)) {
      throw new Error(`${name}.${field}: no wrong values known for a ${def.type}; extend the fuzz test`)
    }
    return { name: field, kind: def.type as Kind, required: !schema.safeParse(undefined).success, nullable: schema.safeParse(null).success }
  })
}

const PAYLOADS_PER_CALL = 1000

/** Values that no field of the kind accepts, whatever its limits. */
const WRONG: Record<Kind, unknown[]> = {
  string: [42, 0, -1, true, false, null, [], ['a'], {}, { toString: 'x' }, NaN, Infinity, HUGE, HUGE_CJK, nested(60)],
  number: [0, -0, -1, -0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 60), '1', 'NaN', 'Infinity', '', '1e3', null, true, [], [1], {}, { valueOf: 1 }],
  boolean: ['true', 'false', '', 1, 0, NaN, null, [], [true], {}, 'yes', HUGE],
  enum: ['', 'xxx', 'all ', 'ACTIVE', 'm', 1, NaN, null, true, [], ['M'], {}, '__proto__', 'constructor', 'toString', HUGE],
  array: ['orphan', '', null, 42, true, {}, { 0: 'orphan', length: 1 }, [42], [null], [{}], [NaN], [HUGE], [HUGE_CJK], Array.from({ length: 200 }, () => 'a'), [['nested']], nestedArray(60)],
  union: [42, null, true, [], {}, 'NaN', '2026/01/01', '01-01-2026', '2026-1-1', ' ', HUGE, nested(10)],
  record: [42, 'x', true, [], [1], { Sheet1: 42 }, { Sheet1: { x: 'name' } }, { Sheet1: { '1': 42 } }, { Sheet1: [] }, nested(10)],
  // Objects whose own fields may all be optional: only what is not an object at all is wrong for every one.
  object: [42, 0, 'x', '', true, false, NaN, [], [1], [{}], HUGE],
}

/** Payloads that are not an object at all (null and undefined are left out: they mean "no input"). */
const TOP_LEVEL_JUNK: unknown[] = [42, 0, -1, NaN, 'children.list', '', '{}', 'NaN', HUGE, true, false, [], [{}], nestedArray(40), Symbol.for('x'), () => 1]

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype']

/** Adds keys an attacker would try, as own properties (the way JSON.parse makes them). */
function withPollution(payload: Record<string, unknown>, random: () => number): Record<string, unknown> {
  const key = POLLUTION_KEYS[Math.floor(random() * POLLUTION_KEYS.length)]!
  const evil = key === 'constructor' ? { prototype: { polluted: '是' } } : { polluted: '是', isAdmin: true }
  // A shallow copy keeps the broken values as they are (a JSON round trip would turn NaN into a valid null).
  const copy: Record<string, unknown> = { ...payload }
  Object.defineProperty(copy, key, { value: evil, enumerable: true, configurable: true, writable: true })
  return copy
}

interface Case {
  label: string
  payload: unknown
  /** a field that must be named in the issues */
  field?: string
}

function wrongFor(name: CallName, field: Field): unknown[] {
  // A workbook's bytes are meant to be long: 200,000 base64 letters are a (junk) file, not a malformed call.
  if (name === 'imports.upload' && field.name === 'dataBase64') return WRONG.string.filter((wrong) => wrong !== HUGE)
  if (field.nullable) return WRONG[field.kind].filter((wrong) => wrong !== null)
  return WRONG[field.kind]
}

/** Invalid by construction: a wrong value, a missing required field, or no object at all. */
function malformed(name: CallName, seed: number): Case[] {
  const base = BASES[name] as Record<string, unknown>
  const fields = fieldsOf(name)
  const cases: Case[] = []
  for (const junk of TOP_LEVEL_JUNK) cases.push({ label: `top-level ${String(typeof junk)}`, payload: junk })
  cases.push({ label: 'cyclic', payload: cyclic(fields.map((f) => f.name)) })
  for (const field of fields) {
    for (const wrong of wrongFor(name, field)) {
      cases.push({ label: `${field.name} = ${show(wrong)}`, payload: { ...base, [field.name]: wrong }, field: field.name })
    }
    if (field.required) {
      const { [field.name]: _dropped, ...rest } = base
      cases.push({ label: `without ${field.name}`, payload: rest, field: field.name })
    }
  }
  // A seeded mix: several breakages at once, extra keys, pollution keys, the payload wrapped in an array.
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  // Topped up with random mixes to a thousand malformed payloads for every call (issue 7's figure).
  const randomCases = Math.max(40, PAYLOADS_PER_CALL - cases.length)
  for (let i = 0; i < randomCases; i++) {
    if (fields.length === 0) {
      // Strict empty input: any key at all is refused.
      let payload: Record<string, unknown> = {}
      const keys = 1 + Math.floor(random() * 3)
      for (let k = 0; k < keys; k++) payload[pick(['a', '', 'id', 'name', HUGE.slice(0, 500), 'toString', 'valueOf'])] = pick([...WRONG.string, 1, 'x'])
      if (random() < 0.5) payload = withPollution(payload, random)
      cases.push({ label: `random #${i}`, payload })
      continue
    }
    let payload: Record<string, unknown> = { ...base }
    const broken = 1 + Math.floor(random() * Math.min(3, fields.length))
    for (let b = 0; b < broken; b++) {
      const field = pick(fields)
      if (field.required && random() < 0.25) delete payload[field.name]
      else payload[field.name] = pick(wrongFor(name, field))
    }
    if (random() < 0.5) payload[`extra_${i}`] = pick([HUGE, nested(30), [1, 2, 3], null, NaN])
    if (random() < 0.5) payload = withPollution(payload, random)
    cases.push({ label: `random #${i}`, payload: random() < 0.15 ? [payload] : payload })
  }
  return cases
}

function show(value: unknown): string {
  if (typeof value === 'string') return value.length > 20 ? `string(${value.length})` : JSON.stringify(value)
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return `array(${value.length})`
  return String(typeof value)
}

function totalChanges(reg: TempRegistry): number {
  return reg.ctx.sqlite.prepare('SELECT total_changes()').pluck().get() as number
}

let reg: TempRegistry
let prototypeKeys: string[]

beforeAll(async () => {
  reg = await demoRegistry()
  // A roster (id 1) for the roster reads to read.
  const generated = await dispatch(reg.ctx, 'rosters.generate', { programme: 'orphan-basic', month: reg.ctx.today().slice(0, 7) })
  if ('error' in generated || !(generated.result as { ok: boolean }).ok) throw new Error(`no roster: ${JSON.stringify(generated)}`)
  prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()
})
afterAll(() => reg?.cleanup())

it('classes every call of the contract as a read or a write, and has a full valid payload for each', () => {
  expect([...READ_CALLS, ...WRITE_CALLS].sort()).toEqual([...CALLS].sort())
  expect(new Set([...READ_CALLS, ...WRITE_CALLS]).size).toBe(CALLS.length)
  for (const name of CALLS) {
    const parsed = contract[name].input.safeParse(BASES[name])
    expect(parsed.success, name).toBe(true)
    // Every field of the input appears in the base, so every field gets broken below.
    expect(Object.keys(BASES[name]).sort(), name).toEqual(fieldsOf(name).map((f) => f.name).sort())
  }
})

for (const name of CALLS) {
  it(`${name}: refuses malformed payloads in Chinese, without a trace, writing nothing`, async () => {
    const cases = malformed(name, 20261123 + CALLS.indexOf(name))
    expect(cases.length).toBeGreaterThanOrEqual(PAYLOADS_PER_CALL)
    const before = tableFingerprint(reg.ctx.sqlite)
    const changesBefore = totalChanges(reg)
    const faults: string[] = []
    for (const { label, payload, field } of cases) {
      let answer: CallAnswer | undefined
      answer = await dispatch(reg.ctx, name, payload, { validateOutput: true, onFault: (call) => faults.push(call) })
      expect(answer, label).toBeDefined()
      if (!answer || !('error' in answer)) throw new Error(`${name} ${label}: accepted a malformed payload ${JSON.stringify(payload, (_k, v) => (v === undefined ? "<undefined>" : typeof v === "number" && !Number.isFinite(v) ? `<${v}>` : v))?.slice(0, 1500)}`)
      expect(answer.error.code, label).toBe('invalid_input')
      expect(answer.error.message, label).toMatch(CJK)
      const issues = answer.error.issues ?? []
      expect(issues.length, label).toBeGreaterThan(0)
      expect(issues.length, label).toBeLessThanOrEqual(20)
      for (const issue of issues) expect(issue, label).toMatch(CJK)
      if (field) expect(issues.some((i) => i.startsWith(`${field}:`) || i.startsWith(`${field}.`)), `${label}: ${issues.join(' | ')}`).toBe(true)
      const text = JSON.stringify(answer)
      for (const pattern of STACK) expect(text, label).not.toMatch(pattern)
      // A refusal names the problem, it does not echo a megabyte back.
      expect(text.length, label).toBeLessThan(10_000)
    }
    expect(faults).toEqual([])
    expect(totalChanges(reg)).toBe(changesBefore)
    expect(tableFingerprint(reg.ctx.sqlite)).toBe(before)
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })
}

it('answers unknown call names with unknown_call, without running anything', async () => {
  const before = tableFingerprint(reg.ctx.sqlite)
  for (const name of ['', 'children', 'children.delete', 'Children.list', 'children.list ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '../children.list', HUGE]) {
    let answer: CallAnswer | undefined
    answer = await dispatch(reg.ctx, name, {})
    expect(answer && 'error' in answer ? answer.error.code : 'result', name.slice(0, 30)).toBe('unknown_call')
    if (answer && 'error' in answer) {
      expect(answer.error.message).toMatch(CJK)
      expect(answer.error.message.length).toBeLessThan(200)
    }
  }
  expect(tableFingerprint(reg.ctx.sqlite)).toBe(before)
})

it('reads with their valid payloads answer normally and write nothing', async () => {
  const before = tableFingerprint(reg.ctx.sqlite)
  const changesBefore = totalChanges(reg)
  for (const name of READ_CALLS) {
    for (const payload of [BASES[name], {}, undefined, null]) {
      const answer = await dispatch(reg.ctx, name, payload, { validateOutput: true })
      // the get calls need an id, so an empty payload is invalid input for them
      if ('error' in answer) {
        const needsInput = fieldsOf(name).some((f) => f.required)
        expect(needsInput && payload !== BASES[name], `${name} ${JSON.stringify(payload)}: ${answer.error.message}`).toBe(true)
        expect(answer.error.code).toBe('invalid_input')
      }
    }
  }
  expect(totalChanges(reg)).toBe(changesBefore)
  expect(tableFingerprint(reg.ctx.sqlite)).toBe(before)
})

describe('output validation: what the handlers return fits the contract', () => {
  function ids(table: string): number[] {
    return reg.ctx.sqlite.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all() as number[]
  }

  function readPayloads(): { [N in (typeof READ_CALLS)[number]]: Input<N>[] } {
    const township = reg.ctx.sqlite.prepare("SELECT code FROM divisions WHERE level = 'township' ORDER BY code").pluck().get() as string
    return {
      'app.info': [{}],
      'dashboard.summary': [{}],
      'divisions.tree': [{}, { includeRetired: true }],
      'divisions.list': [{}],
      'categories.list': [{}],
      'children.list': [
        {},
        { status: 'all', pageSize: 500, fullNumbers: true },
        { status: 'exited' },
        { townshipCode: township, category: 'left-behind' },
        { search: 'z' },
        { search: '4201' },
        { search: '张' },
        { page: 99 },
      ],
      'children.get': ids('children').map((id) => ({ id })),
      'supervisors.list': [{}, { includeFormer: true }, { townshipCode: township }],
      'supervisors.get': ids('supervisors').map((id) => ({ id })),
      'directors.list': [{}, { includeFormer: true }, { townshipCode: township }],
      'directors.get': ids('directors').map((id) => ({ id })),
      'imports.batches': [{}],
      'imports.batchProblems': [{ batchId: 1 }],
      'exports.children': [{}, { townshipCode: township, fullNumbers: true }],
      'exports.staff': [{ kind: 'supervisors' }, { kind: 'directors', fullNumbers: true }],
      'exports.template': [{ kind: 'children', townshipCode: township }, { kind: 'divisions' }, { kind: 'directors' }],
      'workforce.staffing': [{}, { date: '2020-01-01' }],
      'workforce.overview': [{}, { date: '2020-01-01', villagesPerCentre: 6 }],
      'workforce.township': [{ code: township }, { code: township, date: '2020-01-01' }],
      'exports.staffing': [{}],
      'trainings.list': ids('directors').slice(0, 3).map((personId) => ({ personKind: 'director' as const, personId })),
      'programmes.list': [{}],
      'rosters.list': [{}, { programme: 'orphan-basic' }, { programme: 'no-such-programme' }],
      'rosters.get': ids('rosters').flatMap((id) => [{ id }, { id, fullNumbers: true, page: 2, pageSize: 1 }]),
      'rosters.pages': ids('rosters').flatMap((id) => [{ id }, { id, rowsPerPage: 5, fullNumbers: true }]),
      'rosters.reconcile': ids('rosters').map((id) => ({ id })),
      'rosters.export': ids('rosters').map((id) => ({ id })),
      'lock.status': [{}],
      'lock.unlock': [{ password: 'any-pass-2026' }],
      'lock.lock': [{}],
      'audit.list': [{}, { entity: 'child', fullNumbers: true }, { child: '张', pageSize: 5, page: 3 }, { from: '2020-01-01', to: '2030-12-31' }],
      'exports.audit': [{}, { entity: 'division' }],
      'backups.list': [{}],
      'backups.download': [{ name: 'registry-20261123-093000-manual.db' }],
      'backups.check': [{}],
      'children.file': ids('children').map((id) => ({ id })),
      'reviews.list': [{}, { townshipCode: township, checked: 'unchecked' }, { quarter: '2026-Q1', checked: 'checked', pageSize: 5, page: 2 }],
      'visits.list': [{}, { risk: 'open' }, { risk: 'flagged', townshipCode: township }, { from: '2020-01-01', to: '2030-12-31', pageSize: 1 }],
      'services.catalogue': [{}, { includeInactive: true }],
      'followup.stale': [{}, { townshipCode: township, pageSize: 3 }, { asOf: '2020-01-01' }, { asOf: '2030-04-16' }],
      'dashboard.work': [{}, { asOf: '2020-01-01' }, { asOf: '2030-12-31' }],
      'reports.categories': [{}, { date: '2020-01-01' }],
      'reports.services': [{ from: '2020-01-01', to: '2030-12-31' }, { from: '2026-12-31', to: '2026-01-01' }],
      'reports.completion': [{}, { quarter: '2020-Q1' }],
      'exports.categoriesReport': [{}],
      'exports.servicesReport': [{ from: '2020-01-01', to: '2030-12-31' }],
      'exports.completionReport': [{}],
      'settings.get': [{}],
      'budget.year': [
        { programme: 'orphan-basic', year: 2026 },
        { programme: 'unsupported-basic', year: 2027, whatIf: { caseloadChangePercent: -20 } },
        { programme: 'director-subsidy', year: 2026, whatIf: { newAmountFen: 10000, fromMonth: '2026-07' } },
      ],
    }
  }

  async function checkReads(): Promise<number> {
    let checked = 0
    const payloads = readPayloads()
    for (const name of READ_CALLS) {
      const list = payloads[name] as unknown[]
      expect(list.length, name).toBeGreaterThan(0)
      for (const payload of list) {
        const faults: unknown[] = []
        const answer = await dispatch(reg.ctx, name, payload, { validateOutput: true, onFault: (_n, e) => faults.push(e) })
        expect('error' in answer ? answer.error : null, `${name} ${JSON.stringify(payload)}`).toBeNull()
        expect(faults).toEqual([])
        checked++
      }
    }
    return checked
  }

  it('on the demo district, for every read call', async () => {
    expect(await checkReads()).toBeGreaterThan(60)
  })

  it('after writes that fill the nullable fields (exited child, retired village, former staff, bureau category)', async () => {
    const write = async <N extends CallName>(name: N, payload: Input<N>) => {
      const answer = await dispatch(reg.ctx, name, payload, { validateOutput: true })
      if ('error' in answer) throw new Error(`${name}: ${answer.error.message} ${answer.error.issues?.join(' | ') ?? ''}`)
      const result = answer.result as { ok: boolean; problems?: unknown }
      expect(result.ok, `${name}: ${JSON.stringify(result.problems)}`).toBe(true)
      return answer.result as { ok: true; value: { id?: number; code?: string } }
    }
    const today = reg.ctx.today()
    await write('children.exit', { id: ids('children')[0]!, reason: 'moved_away', date: today })
    const township = reg.ctx.sqlite.prepare("SELECT code FROM divisions WHERE level = 'township' ORDER BY code").pluck().get() as string
    const village = await write('divisions.create', { level: 'village', parentCode: township, name: '将撤村' })
    await write('divisions.retire', { code: village.value.code!, on: today })
    await write('categories.save', { name: '自定义困境', dimension: 'other', aliases: ['自定义'] })
    const director = reg.ctx.sqlite.prepare('SELECT * FROM directors ORDER BY id LIMIT 1').get() as { id: number; village_code: string; name: string; sex: 'M' | 'F' }
    await write('trainings.add', { personKind: 'director', personId: director.id, heldOn: '2019-06-01', course: '业务培训', hoursTenths: 20 })
    await write('directors.update', { ...staff, divisionCode: director.village_code, name: director.name, sex: director.sex, endDate: '2020-01-01', startDate: '2019-01-01', id: director.id })
    expect(await checkReads()).toBeGreaterThan(60)
  })
})
