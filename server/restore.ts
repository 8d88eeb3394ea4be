/**
 * `npm run restore -- --data DIR --from FILE`: replaces the installation's database by a backup after checking it
 * (integrity, this app's file, not newer than this app, same district, balances equal the ledger). Stop the hub or
 * the desktop app first; the replaced file is kept beside the database.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createCore, databaseFileIn } from '../core/app'
import { liveFacts, restoreInstallation } from '../core/system/backup'
import { isAppError } from '../core/common/errors'

const { values } = parseArgs({ options: { data: { type: 'string', default: path.join(process.cwd(), 'data') }, from: { type: 'string' } } })
if (!values.from) {
  console.error('用法 / usage: npm run restore -- --data 数据目录 --from 备份文件.db')
  process.exit(2)
}
const file = databaseFileIn(path.resolve(values.data!))
try {
  // what the current installation is (its district, its migrations), to refuse a backup of another one
  const current = createCore({ file, seed: 'none' })
  const live = liveFacts(current.db)
  current.close()
  const { keptAs, check } = restoreInstallation(file, path.resolve(values.from), live)
  console.log(`已恢复 / restored: ${check.documents} 张单据 documents; 原数据库保留为 / the replaced file is kept as ${keptAs}`)
} catch (e) {
  console.error(isAppError(e) ? e.toWire('zh').message : e instanceof Error ? e.message : String(e))
  process.exit(1)
}
