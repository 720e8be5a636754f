import type { ServiceContext } from '../context'
import { seedDemoTrainings } from './demo-workforce'
import { createChild } from '../registry/children-service'
import { createDivision, getDistrict, setDistrict } from '../registry/divisions-service'
import { createStaff, DIRECTOR, SUPERVISOR } from '../registry/staff-service'
import { pick, randomBirthDate, randomMobile, randomName, seededRandom } from './people'
import { makeIdNumber } from '../shared/id-number'
import { addYears } from '../shared/dates'
import { addMonths } from '../shared/months'
import { seedDemoFollowup } from './demo-followup'

const TOWNSHIPS: [string, string[]][] = [
  ['城关镇', ['东街社区', '西街社区', '南关村', '北关村', '河口村']],
  ['青山乡', ['青山村', '石门村', '柳树湾村', '高家岭村']],
  ['白沙街道', ['白沙社区', '新华社区', '桥头村']],
]
const CATEGORY_SETS = [
  ['left-behind'],
  ['left-behind'],
  ['low-income'],
  ['disabled', 'low-income'],
  ['unsupported'],
  ['orphan'],
  ['seriously-ill'],
  ['destitute'],
]

/**
 * Fills an empty database with a small district through the real services, so a first look at
 * the app (npm start on a machine without Electron) has something to show.
 */
export function seedDemoDistrict(ctx: ServiceContext): void {
  if (getDistrict(ctx)) return
  const random = seededRandom(20261123)
  const today = ctx.today()
  const district = setDistrict(ctx, { name: '示范区', code: '420102' })
  if (!district.ok) throw new Error('demo district refused')
  let sequence = 1
  for (const [townshipName, villages] of TOWNSHIPS) {
    const township = createDivision(ctx, { level: 'township', parentCode: district.value.code, name: townshipName })
    if (!township.ok) throw new Error('demo township refused')
    createStaff(ctx, SUPERVISOR, staffInput(random, township.value.code, today))
    villages.forEach((villageName, index) => {
      const village = createDivision(ctx, { level: 'village', parentCode: township.value.code, name: villageName })
      if (!village.ok) throw new Error('demo village refused')
      // Leave one village per township without a director: the gap the bureau must see.
      if (index !== villages.length - 1) createStaff(ctx, DIRECTOR, staffInput(random, village.value.code, today))
      const count = 2 + Math.floor(random() * 5)
      for (let i = 0; i < count; i++) {
        const categories = pick(random, CATEGORY_SETS)
        const youngest = Number(today.slice(0, 4)) - 1
        const oldest = Number(addYears(today, categories.includes('left-behind') ? -15 : -17).slice(0, 4)) + 1
        const birthDate = randomBirthDate(random, oldest, youngest)
        createChild(ctx, {
          name: randomName(random),
          idNumber: makeIdNumber('420102', birthDate, sequence++),
          villageCode: village.value.code,
          categories,
          address: `${townshipName}${villageName}${1 + Math.floor(random() * 40)}号`,
          guardianName: randomName(random),
          guardianRelation: pick(random, ['祖父', '祖母', '外祖母', '伯父', '姑姑', '母亲']),
          guardianPhone: randomMobile(random),
          bankAccount: `6217${String(Math.floor(random() * 1e12)).padStart(12, '0')}`,
          registeredOn: approvedEarlier(categories, birthDate, today),
          notes: '',
        })
      }
    })
  }
  seedDemoFollowup(ctx)
  seedDemoTrainings(ctx)
}

/**
 * Orphans and de facto unsupported children were approved a few months ago, so the demo's roster for
 * this month has lines to show; everyone else is registered today. No random number is drawn here,
 * so the rest of the district stays as it was.
 */
function approvedEarlier(categories: string[], birthDate: string, today: string): string {
  if (!categories.includes('orphan') && !categories.includes('unsupported')) return ''
  const approved = `${addMonths(today.slice(0, 7), -3)}-05`
  return approved > birthDate ? approved : birthDate
}

function staffInput(random: () => number, divisionCode: string, today: string) {
  return {
    divisionCode,
    name: randomName(random),
    sex: random() < 0.7 ? ('F' as const) : ('M' as const),
    birthDate: randomBirthDate(random, 1960, 1990),
    phone: randomMobile(random),
    partTime: true,
    concurrentPost: pick(random, ['妇联主席', '村委委员', '']),
    education: pick(random, ['初中', '高中', '大专']),
    trained: random() < 0.6,
    startDate: `${Number(today.slice(0, 4)) - 2}-03-01`,
    endDate: '',
    notes: '',
  }
}
