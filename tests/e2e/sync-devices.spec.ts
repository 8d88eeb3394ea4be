/**
 * 设备登记 on the hub: the administrator picks what a device may write for in the network tree (a street, a site),
 * gets its token once, sees the device listed by name and scope, and the device can sync with that token.
 */
import { expect, test } from '@playwright/test'
import { SyncPage } from './pages/SyncPage'
import { YUEYANG_DEPOT } from './support'

test('a device is registered for a street or a site picked in the network tree, and syncs with its token', async ({ page, request }) => {
  const sync = new SyncPage(page)
  await sync.open()
  await expect(sync.devices).toBeVisible()
  const suffix = Date.now().toString(36).toUpperCase()

  // no scope chosen: the form says what is missing
  await page.getByTestId('device-name').fill(`岳阳平板${suffix}`)
  await page.getByTestId('device-register').click()
  await expect(sync.devices.getByText('请在储备网络中选择设备的范围')).toBeVisible()

  const streetToken = await sync.registerDevice(`岳阳平板${suffix}`, '岳阳', '岳阳街道（街镇）')
  await expect(sync.deviceRow(`岳阳平板${suffix}`)).toContainText('街镇 岳阳街道')
  await expect(sync.deviceRow(`岳阳平板${suffix}`)).toContainText('从未')

  await sync.registerDevice(`储备库电脑${suffix}`, YUEYANG_DEPOT, `${YUEYANG_DEPOT}（库点）`)
  await expect(sync.deviceRow(`储备库电脑${suffix}`)).toContainText(`库点 ${YUEYANG_DEPOT}`)

  // the street's device can now sync with the hub
  const res = await request.post('sync', { data: { vector: {}, events: [] }, headers: { authorization: `Bearer ${streetToken}` } })
  expect(res.status()).toBe(200)
  await page.reload()
  await expect(sync.deviceRow(`岳阳平板${suffix}`)).not.toContainText('从未')
})
