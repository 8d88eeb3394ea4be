/**
 * The installation's data: a folder (the user's app-data folder, or RESERVE_DATA_DIR), its SQLite file, and the
 * migrations and reference resources found either inside the packaged app or in the source tree. An empty file
 * starts on the first-run page (试用演示数据 / 新建本区储备网络 / 加入已有网络, core/firstrun/); RESERVE_SEED=demo (or
 * new:<district code>) chooses without asking.
 */
import path from 'node:path'
import { app } from 'electron'
import { createCore, databaseFileIn, type Core, type CoreOptions } from '../../core/app'
import { holdCore, type CoreHolder } from '../../core/holder'
import { findMigrationsFolder } from '../../db/open'
import { findResourcesDir } from '../../db/seed/reference'
import { backupsDirFor, scheduleDailyBackups } from '../../core/system/backup'

export function dataFolder(): string {
  return process.env.RESERVE_DATA_DIR?.trim() || app.getPath('userData')
}

/** Where a packaged app keeps its files (process.resourcesPath, beside app.asar) and where the app's code lives. */
function installRoots(): string[] {
  const roots = [app.getAppPath()]
  if (app.isPackaged && process.resourcesPath) roots.unshift(process.resourcesPath)
  return roots
}

export const migrationsCandidates = (): string[] =>
  installRoots().flatMap((root) => [path.join(root, 'migrations'), path.join(root, 'db', 'migrations')])

export const resourcesCandidates = (): string[] => installRoots().map((root) => path.join(root, 'resources'))

export interface DesktopData {
  folder: string
  file: string
  /** the core behind IPC; a restore from inside the app reopens it (core/holder.ts) */
  holder: CoreHolder
  /** the current core */
  readonly core: Core
}

export function openDesktopData(onProgress?: (message: string) => void): DesktopData {
  const folder = dataFolder()
  const file = databaseFileIn(folder)
  const migrationsFolder = findMigrationsFolder(migrationsCandidates())
  let seed: NonNullable<CoreOptions['seed']> = desktopSeed(process.env.RESERVE_SEED)
  const holder = holdCore(() => {
    const core = createCore({ file, seed, migrationsFolder, resourcesDir: findResourcesDir(resourcesCandidates()), onProgress })
    seed = 'none' // a restored file is opened as it is
    return core
  }, {
    // one automatic backup a day into <data folder>/backups, the newest 14 kept
    attach: (core) => scheduleDailyBackups(core.db, backupsDirFor(file), () => core.context().today()),
  })
  return { folder, file, holder, get core() { return holder.core } }
}

/** What an empty desktop installation starts as: the first-run page unless RESERVE_SEED says demo or new:<code>. */
export function desktopSeed(env: string | undefined): NonNullable<CoreOptions['seed']> {
  const v = env?.trim()
  if (v === 'demo') return 'demo'
  if (v && /^new:\d{6}$/.test(v)) return v as `new:${string}`
  return 'ask'
}
