import type { ServiceContext } from '../context'
import { inTransaction } from '../context'
import { nameSearchKeys } from '../shared/pinyin'
import { makeIdNumber } from '../shared/id-number'
import { pick, randomBirthDate, randomMobile, randomName, seededRandom } from './people'

export interface BulkDistrictSize {
  townships: number
  villages: number
  children: number
  seed?: number
}

const CATEGORY_CODES = ['left-behind', 'low-income', 'disabled', 'seriously-ill', 'destitute', 'orphan', 'unsupported']

/**
 * A large district written straight into the tables in one transaction, for benchmarks: going
 * through the per-record services would measure the generator, not the queries.
 */
export function generateBulkDistrict(ctx: ServiceContext, size: BulkDistrictSize): void {
  const random = seededRandom(size.seed ?? 7)
  const now = ctx.now()
  const today = ctx.today()
  const thisYear = Number(today.slice(0, 4))
  inTransaction(ctx, () => {
    const division = ctx.sqlite.prepare(
      `INSERT INTO divisions (code, name, level, parent_code, code_generated, created_at, updated_at)
       VALUES (?, ?, ?, ?, 0, ?, ?)`,
    )
    const district = '420999000000'
    division.run(district, '基准测试区', 'district', null, now, now)
    const villages: string[] = []
    for (let t = 1; t <= size.townships; t++) {
      const township = `420999${String(t).padStart(3, '0')}000`
      division.run(township, `第${t}镇`, 'township', district, now, now)
      const count = Math.floor(size.villages / size.townships) + (t <= size.villages % size.townships ? 1 : 0)
      for (let v = 1; v <= count; v++) {
        const village = `${township.slice(0, 9)}${String(v).padStart(3, '0')}`
        division.run(village, `第${t}镇${v}村`, 'village', township, now, now)
        villages.push(village)
      }
    }
    const child = ctx.sqlite.prepare(
      `INSERT INTO children (id_number, name, name_pinyin, name_initials, sex, birth_date, village_code,
         guardian_name, guardian_phone, registered_on, status, created_at, updated_at)
       VALUES (@idNumber, @name, @pinyin, @initials, @sex, @birthDate, @village, @guardian, @phone, @registeredOn, 'active', @now, @now)`,
    )
    const link = ctx.sqlite.prepare(
      'INSERT INTO child_categories (child_id, category_code, since) VALUES (?, ?, ?)',
    )
    const usedIds = new Set<string>()
    for (let i = 0; i < size.children; i++) {
      const name = randomName(random)
      const keys = nameSearchKeys(name)
      let birthDate = randomBirthDate(random, thisYear - 17, thisYear - 1)
      let idNumber = makeIdNumber('420999', birthDate, 1 + Math.floor(random() * 998))
      while (usedIds.has(idNumber)) {
        birthDate = randomBirthDate(random, thisYear - 17, thisYear - 1)
        idNumber = makeIdNumber('420999', birthDate, 1 + Math.floor(random() * 998))
      }
      usedIds.add(idNumber)
      const result = child.run({
        idNumber,
        name,
        pinyin: keys.pinyin,
        initials: keys.initials,
        sex: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
        birthDate,
        village: villages[i % villages.length],
        guardian: randomName(random),
        phone: randomMobile(random),
        registeredOn: today,
        now,
      })
      link.run(result.lastInsertRowid, pick(random, CATEGORY_CODES), today)
    }
  })
}
