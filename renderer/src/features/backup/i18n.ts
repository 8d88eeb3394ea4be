/** Backup and restore page texts (`backup.*`). */
import type { Widen } from '../../i18n/types'

export const zh = {
  backup: {
    title: '备份与恢复',
    now: '立即备份',
    made: '已备份：{{name}}',
    name: '文件名',
    size: '大小',
    time: '时间',
    kind: '类型',
    automatic: '每日自动',
    manual: '手动',
    check: '检查',
    checkOk: '{{name}} 完整可用：{{documents}} 张单据，区划 {{district}}',
    hint: '每天自动备份一次，保留最近 14 份；手动备份不会自动删除。备份保存在数据目录的 backups 文件夹中。',
    restoreHint: '恢复：在列表中点「恢复」，或先上传备份文件。恢复前会检查文件完整性、版本、所属区划以及库存与台账是否一致；当前数据库会保留一份（reserve.db.before-restore-时间），恢复后所有用户需重新登录。也可在停止服务后运行 npm run restore。',
    toFile: '备份到文件…',
    savedTo: '已备份到 {{name}}',
    upload: '上传备份文件…',
    uploaded: '已上传并检查：{{name}}（{{documents}} 张单据），可在列表中恢复',
    restore: '恢复',
    restoreConfirm: '用备份 {{name}} 替换当前数据？',
    restoreConfirmBody: '当前数据库会另存一份；恢复后所有用户（包括您）都需要重新登录。',
    restored: '已恢复 {{name}}，请重新登录',
  },
} as const

export const en: Widen<typeof zh> = {
  backup: {
    title: 'Backup and restore',
    now: 'Back up now',
    made: 'Backed up: {{name}}',
    name: 'File',
    size: 'Size',
    time: 'Time',
    kind: 'Kind',
    automatic: 'Daily',
    manual: 'Manual',
    check: 'Check',
    checkOk: '{{name}} is sound: {{documents}} documents, district {{district}}',
    hint: 'One automatic backup a day, the newest 14 kept; manual backups are never deleted automatically. Backups are in the data folder\'s backups folder.',
    restoreHint: 'To restore: click Restore on a backup in the list, or upload a backup file first. The file is checked first (integrity, version, district, balances against the ledger); the current database is kept (reserve.db.before-restore-<time>) and everyone signs in again afterwards. With the hub stopped, npm run restore does the same.',
    toFile: 'Back up to a file…',
    savedTo: 'Backed up to {{name}}',
    upload: 'Upload a backup…',
    uploaded: 'Uploaded and checked: {{name}} ({{documents}} documents); restore it from the list',
    restore: 'Restore',
    restoreConfirm: 'Replace the current data with the backup {{name}}?',
    restoreConfirmBody: 'The current database is kept; afterwards everyone (you too) signs in again.',
    restored: 'Restored {{name}}: please sign in again',
  },
}
