/**
 * The installation's data: a folder (the user's app-data folder, or RESERVE_DATA_DIR), its SQLite file, and the
 * migrations and reference resources found either inside the packaged app or in the source tree. An empty file is
 * seeded with the Songjiang demo network on first run.
 */
import path from 'node:path'
import { app } from 'electron'
import { createCore, databaseFileIn, type Core } from '../../core/app'
import { findMigrationsFolder } from '../../db/open'
import { findResourcesDir } from '../../db/seed/reference'
import { backupsDirFor, scheduleDailyBackups } from '../../core/services/backup'

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
  core: Core
}

export function openDesktopData(onProgress?: (message: string) => void): DesktopData {
  const folder = dataFolder()
  const file = databaseFileIn(folder)
  const core = createCore({
    file,
    seed: 'demo',
    migrationsFolder: findMigrationsFolder(migrationsCandidates()),
    resourcesDir: findResourcesDir(resourcesCandidates()),
    onProgress,
  })
  // one automatic backup a day into <data folder>/backups, the newest 14 kept
  const stopBackups = scheduleDailyBackups(core.db, backupsDirFor(file), () => core.context().today())
  const close = core.close
  core.close = () => { stopBackups(); close() }
  return { folder, file, core }
}
