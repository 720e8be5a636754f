import { afterEach, beforeEach, expect, it } from 'vitest'
import { importFiles } from '../../../src/cli/import-command'
import { setDistrict } from '../../../src/core/registry/divisions-service'
import { staffingTable } from '../../../src/core/workforce/staffing'
import { N_COUNTY, writeNCounty } from '../../fixtures/n-county'
import { tempRegistry, type TempRegistry } from '../../support/temp-registry'

let reg: TempRegistry
beforeEach(async () => {
  reg = await tempRegistry('2026-11-23')
  setDistrict(reg.ctx, { name: 'N县', code: '420999' })
})
afterEach(() => reg.cleanup())

it('N County, imported through the real importer from township workbooks, gives the field study\'s staffing row', async () => {
  const files = await writeNCounty(reg.folder)
  // Given in the wrong order on purpose: the importer commits places, then people, then children.
  const reports = await importFiles(reg.ctx, [...files].reverse(), { dryRun: false })
  expect(reports.flatMap((r) => r.problems)).toEqual([])
  expect(reports.map((r) => r.kind)).toEqual(['divisions', 'supervisors', 'directors', ...Array(N_COUNTY.townships).fill('children')])
  const table = staffingTable(reg.ctx, '2026-11-23')
  expect({
    townships: table.district.townships,
    villages: table.district.villages,
    supervisors: table.district.supervisors,
    directors: table.district.directors,
    children: table.district.children,
    villagesWithoutDirector: table.district.villagesWithoutDirector.length,
  }).toEqual(N_COUNTY)
  expect(table.district.townshipsWithoutSupervisor).toEqual([])
  expect(table.townships.reduce((n, t) => n + t.children, 0)).toBe(N_COUNTY.children)
}, 60_000)
