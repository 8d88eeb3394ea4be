import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import { AlertsPage } from './pages/AlertsPage'
import { apiCall, freshLot, receiveViaApi, TENT } from './support'
import { readXlsxRows } from '../../core/common/xlsx'
import { todayCst } from '../../core/common/dates'

type SiteRow = { id: string; name: string; tier: string; status: string }
// the app's day is Shanghai's (todayCst): from 16:00 UTC on, a UTC date would be one day behind it
const inDays = (n: number) => todayCst(new Date(Date.now() + n * 86_400_000))

test('expired and expiring lots at a site are listed, counted in the badge and on the dashboard, and export as shown', async ({ page, request }) => {
  const sites = await apiCall<SiteRow[]>(request, 'network.sites', {})
  const site = sites.filter((s) => s.tier === 'community' && s.status === 'active')[8]
  const expired = freshLot('E2E-AX')
  const soon = freshLot('E2E-AS')
  await receiveViaApi(request, site.id, [
    { itemId: TENT.id, lotNo: expired, expiryDate: inDays(-3), quantity: 4 },
    { itemId: TENT.id, lotNo: soon, expiryDate: inDays(20), quantity: 6 },
  ])
  const total = (await apiCall<{ total: number; expired: number }>(request, 'alerts.summary', {}))
  expect(total.expired).toBeGreaterThan(0)

  // the frame's badge and the dashboard share one alerts.summary request (issue 15)
  const summaryCalls: string[] = []
  page.on('request', (r) => { if (r.url().endsWith('/api/alerts.summary')) summaryCalls.push(r.url()) })
  await page.goto('./')
  await expect(page.getByTestId('alert-badge')).toHaveAttribute('data-count', String(total.total))
  await expect(page.getByTestId('stat-alert-expired')).toContainText(String(total.expired))
  expect(summaryCalls).toHaveLength(1)

  const alerts = new AlertsPage(page)
  await page.getByTestId('alert-badge').click()
  await expect(page.getByTestId('alerts-page')).toBeVisible()
  await alerts.filterSite(site.name)
  // The site may hold demo lots with alerts of their own (or fall below a demo target): the grid shows exactly what
  // the api counts for the site, and the two fresh lots among them with their kinds.
  const atSite = await apiCall<{ total: number; expired: number }>(request, 'alerts.summary', { siteId: site.id })
  expect(atSite.total).toBeGreaterThanOrEqual(2)
  await expect(alerts.shown).toHaveAttribute('data-count', String(atSite.total))
  await expect(alerts.cell(expired, 'kind')).toHaveText('已过期')
  await expect(alerts.cell(expired, 'quantity')).toHaveText('4')
  await expect(alerts.cell(soon, 'kind')).toHaveText('近效期（30 天内）')
  await expect(alerts.cell(soon, 'days')).toHaveText('20')

  // Only the expired kind: the export holds exactly the rows the grid shows, in the grid's columns, ours among them.
  await alerts.kindTag('expired').click()
  await expect(alerts.shown).toHaveAttribute('data-count', String(atSite.expired))
  const rows = await readXlsxRows(fs.readFileSync(await alerts.export()))
  expect(rows[0]).toEqual(['预警类型', '储备点', '物资', '类别', '批次', '有效期至', '剩余天数', '数量', '单位', '最低储备', '缺口', '已用保质期'])
  expect(rows.length).toBe(1 + atSite.expired)
  expect(rows.slice(1).map((r) => r.slice(0, 9))).toContainEqual(['已过期', site.name, TENT.label, '生活类', expired, inDays(-3), -3, 4, '顶'])
  expect(rows.slice(1).every((r) => r[0] === '已过期' && r[1] === site.name)).toBe(true)
})
