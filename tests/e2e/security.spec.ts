import type { Page } from '@playwright/test'
import { expect, test, type RunningApp } from './host-fixture'

const SHOTS = 'test-results/screens'

async function api(page: Page, app: RunningApp, name: string, data: unknown = {}) {
  const answer = await page.request
    .post(`http://127.0.0.1:${app.port}/api/${name}`, { headers: { 'x-cwr-token': app.token, 'content-type': 'application/json' }, data })
    .then((r) => r.json())
  return answer.result
}

test('操作日志 shows an edit made in the UI, masked, and filters by child', async ({ page, demoApp }) => {
  const list = await api(page, demoApp, 'children.list', { pageSize: 1 })
  const child = list.rows[0] as { id: number; name: string }

  await page.goto(demoApp.url)
  await page.getByRole('menuitem', { name: '困境儿童' }).click()
  await page.getByLabel('搜索儿童').fill(child.name)
  await page.locator('tr.ant-table-row', { hasText: child.name }).first().getByText(child.name).click()
  await page.getByRole('button', { name: '编辑' }).click()
  await page.getByLabel('监护人电话').fill('13900139000')
  await page.getByRole('button', { name: '保存' }).click()
  await expect(page.getByText('已保存').last()).toBeVisible()

  await page.getByRole('menuitem', { name: '操作日志' }).click()
  const first = page.locator('tr.ant-table-row').first()
  await expect(first).toContainText('修改儿童信息')
  await expect(first).toContainText(child.name)
  await expect(first).toContainText('→ 139****9000')
  await expect(page.getByText('13900139000')).toHaveCount(0)
  await page.screenshot({ path: `${SHOTS}/20-audit-log.png` })

  // Narrowed to the child: its registration and the edit, nothing else.
  await page.getByLabel('儿童', { exact: true }).fill(child.name)
  await expect(async () => {
    const texts = await page.locator('tr.ant-table-row').allInnerTexts()
    expect(texts.length).toBeGreaterThanOrEqual(2)
    for (const text of texts) expect(text).toContain(child.name)
  }).toPass({ timeout: 10_000 })

  // The whole number only after a confirmation, and that viewing is itself in the trail.
  await page.getByRole('switch').click()
  await page.getByRole('button', { name: '确定' }).click()
  await expect(page.locator('tr.ant-table-row').first()).toContainText('→ 13900139000')
  await page.getByLabel('儿童', { exact: true }).fill('')
  await expect(page.locator('tr.ant-table-row').first()).toContainText('查看完整身份证号（查看操作日志）')
})

test('a password set in 安全设置 is asked for when the app opens again', async ({ page, demoApp }) => {
  const password = 'mzj-2026-安全'
  await page.goto(demoApp.url)
  await page.getByRole('menuitem', { name: '安全设置' }).click()
  await expect(page.getByText('未设置', { exact: true })).toBeVisible()
  await page.getByLabel('新密码', { exact: true }).fill(password)
  await page.getByLabel('再次输入新密码').fill(password)
  await page.getByRole('button', { name: '设置密码' }).click()
  const codeDialog = page.getByRole('dialog').filter({ hasText: '请抄下恢复码' })
  await expect(codeDialog).toBeVisible()
  const recoveryCode = ((await codeDialog.getByLabel('恢复码').textContent()) ?? '').trim()
  expect(recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/)
  await page.screenshot({ path: `${SHOTS}/21-recovery-code.png` })
  await codeDialog.getByRole('button', { name: '我已抄下并妥善保管' }).click()
  await expect(page.getByText(/^已设置（/)).toBeVisible()

  // Opening the app again: the lock screen, and nothing of the registry behind it.
  await page.reload()
  await expect(page.getByText('儿童福利台账已锁定')).toBeVisible()
  await expect(page.getByRole('menuitem', { name: '困境儿童' })).toHaveCount(0)
  await page.getByLabel('开机密码').fill('wrong-password')
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.getByRole('alert')).toContainText('密码不正确')
  await page.screenshot({ path: `${SHOTS}/22-locked-wrong-password.png` })
  // The host refuses data calls meanwhile.
  const refused = await page.request
    .post(`http://127.0.0.1:${demoApp.port}/api/children.list`, { headers: { 'x-cwr-token': demoApp.token, 'content-type': 'application/json' }, data: {} })
  expect(refused.status()).toBe(423)

  await page.getByLabel('开机密码').fill(password)
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.getByRole('menuitem', { name: '困境儿童' })).toBeVisible()
  await expect(page.getByText('儿童福利台账已锁定')).toHaveCount(0)

  // 立即锁定, then the recovery code sets a new password (and a new code is shown).
  await page.getByRole('menuitem', { name: '安全设置' }).click()
  await page.getByRole('button', { name: '立即锁定' }).click()
  await expect(page.getByText('儿童福利台账已锁定')).toBeVisible()
  await page.getByRole('button', { name: '忘记密码？使用恢复码' }).click()
  await page.getByLabel('恢复码').fill(recoveryCode.toLowerCase())
  await page.getByLabel('新密码', { exact: true }).fill('new-pass-2026')
  await page.getByLabel('再次输入新密码').fill('new-pass-2026')
  await page.getByRole('button', { name: '设置新密码并解锁' }).click()
  const again = page.getByRole('dialog').filter({ hasText: '请抄下恢复码' })
  await expect(again).toBeVisible()
  expect(((await again.getByLabel('恢复码').textContent()) ?? '').trim()).not.toBe(recoveryCode)
  await again.getByRole('button', { name: '我已抄下并妥善保管' }).click()
  await expect(page.getByRole('menuitem', { name: '困境儿童' })).toBeVisible()

  // The trail has the password's story, without the password.
  await page.getByRole('menuitem', { name: '操作日志' }).click()
  await expect(page.locator('tr.ant-table-row').first()).toContainText('用恢复码重设开机密码')
  await expect(page.locator('tr.ant-table-row', { hasText: '设置开机密码' }).first()).toBeVisible()
})

test('the app locks itself after 15 minutes without mouse or keyboard input', async ({ page, demoApp }) => {
  await page.clock.install()
  expect((await api(page, demoApp, 'lock.setPassword', { newPassword: 'idle-pass-2026' })).ok).toBe(true)
  await page.goto(demoApp.url)
  // The window opens locked, even though the password was just set through the API.
  await page.getByLabel('开机密码').fill('idle-pass-2026')
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.getByRole('menuitem', { name: '困境儿童' })).toBeVisible()
  await page.getByRole('menuitem', { name: '困境儿童' }).click()
  await expect(page.locator('tr.ant-table-row').first()).toBeVisible()

  await page.clock.fastForward('14:00')
  await expect(page.getByText('儿童福利台账已锁定')).toHaveCount(0)
  await page.clock.fastForward('02:00')
  await expect(page.getByText('儿童福利台账已锁定')).toBeVisible()
  // The page stays (a half-filled form survives) but nothing of it shows.
  await expect(page.locator('tr.ant-table-row').first()).toBeHidden()
  expect((await api(page, demoApp, 'lock.status')).locked).toBe(true)
  // Unlocked again, the page the clerk was on is still there.
  await page.getByLabel('开机密码').fill('idle-pass-2026')
  await page.getByRole('button', { name: '解锁' }).click()
  await expect(page.locator('tr.ant-table-row').first()).toBeVisible()
})
