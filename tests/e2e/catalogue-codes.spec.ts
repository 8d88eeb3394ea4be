/**
 * Issue 18: a planner imports the GB/T 38565 class table from Excel and sees the catalogue as a tree by class; a bad
 * file is refused row by row with nothing imported; the annual plan is summed by 大类.
 */
import ExcelJS from 'exceljs'
import { expect, test } from '@playwright/test'
import { CodeTreePage } from './pages/CodeTreePage'
import { apiCall } from './support'

async function xlsx(rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('代码表')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer() as ArrayBuffer)
}

test('a planner imports the class table and sees the catalogue as a tree by class', async ({ page, request }) => {
  const codes = new CodeTreePage(page)
  await codes.open()
  // the three shipped 大类, every default item in one of them
  await expect(codes.node('1')).toContainText('基本生活保障物资')
  await expect(codes.node('2')).toContainText('应急装备及配套物资')
  await expect(codes.node('3')).toContainText('工程材料与机械加工设备')
  await expect(codes.item('SH-001')).toContainText('帐篷')
  await expect(page.getByTestId('code-unclassified')).toContainText('无')

  // a bad file: each bad row named, nothing imported
  await codes.startImport()
  await codes.choose('坏的代码表.xlsx', await xlsx([['分类代码', '类目名称'], ['101', '衣被鞋帽'], ['1000000', '补零'], ['20501', '无上级']]))
  await expect(page.getByTestId('code-import-errors')).toContainText('第 3 行 分类代码：国家分类编码“1000000”的中类代码“00”无效')
  await expect(page.getByTestId('code-import-errors')).toContainText('第 4 行 分类代码：分类“20501”的上级分类 205 既不在已导入的分类表中')
  await expect(codes.post).toBeDisabled()

  // a good one (children before parents, full-width digits)
  await codes.choose('应急物资分类代码表.xlsx', await xlsx([
    ['分类代码', '类目名称'], ['1010101', '单帐篷'], ['10101', '帐篷类'], ['101', '衣被鞋帽'], ['１０１９９', '其他衣被鞋帽'],
  ]))
  await expect(codes.preview).toContainText('共 4 行：可导入 4 行（新增 4，改名 0），错误 0 处')
  await codes.post.click()
  await expect(page.getByText('已导入 4 个类目（新增 4，改名 0）')).toBeVisible()

  // the tent classed down to its 细类 appears under it
  const tent = (await apiCall<Array<Record<string, unknown>>>(request, 'catalogue.allItems', {})).find((i) => i.code === 'SH-001')!
  await apiCall(request, 'catalogue.saveItem', { ...tent, nationalCode: '1010101' })
  await codes.open()
  await codes.expand('101')
  await codes.expand('10101')
  await codes.expand('1010101')
  await expect(codes.node('1010101')).toContainText('单帐篷')
  await expect(codes.node('1010101')).toContainText('细类')
  const detail = codes.tree.locator('.ant-tree-treenode', { has: codes.item('SH-001') })
  await expect(detail).toBeVisible()
  // the empty catch-all shows only when asked for
  await expect(codes.node('10199')).toHaveCount(0)
  await page.getByTestId('code-show-all').click()
  await codes.expand('101')
  await expect(codes.node('10199')).toContainText('收容类')
})

test('the annual plan shows its budget per 大类', async ({ page }) => {
  await page.goto('./#/catalogue')
  await page.getByRole('tab', { name: '年度计划' }).click()
  const byClass = page.getByTestId('plan-by-class')
  await expect(byClass).toContainText('按国家分类大类汇总')
  await expect(byClass).toContainText('1 基本生活保障物资')
  await expect(byClass).toContainText('2 应急装备及配套物资')
  await expect(byClass).toContainText('3 工程材料与机械加工设备')
})
