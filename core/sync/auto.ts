/**
 * Automatic sync: every few minutes, through the folder when it can be reached (a stick plugged in, a share
 * mounted) and with the hub when one is set. Unreachable is normal for an office offline: it is skipped
 * quietly (the hub job records why), never an error dialog.
 */
import fs from 'node:fs'
import type { ServiceContext } from '../common/context'
import { syncNowFolder, syncSettings } from './status'
import { hubJobOf, hasHubToken, startHubSync } from './hub-client'
import { folderJobOf, startFolderSync } from './folder-job'

export const AUTO_SYNC_MINUTES = 5

export interface AutoSyncRun { folder: 'synced' | 'started' | 'running' | 'unreachable' | 'failed' | 'off'; hub: 'started' | 'running' | 'off' }

/** One automatic round. */
export function autoSyncOnce(ctx: ServiceContext): AutoSyncRun {
  const s = syncSettings(ctx)
  let folder: AutoSyncRun['folder'] = 'off'
  if (s.folder) {
    if (!fs.existsSync(s.folder)) folder = 'unreachable'
    else {
      try {
        // behind a holder (the desktop app, the hub) as a job that may start from a snapshot; in-process, at once
        if (ctx.host) {
          if (folderJobOf(ctx)?.running) folder = 'running'
          else { startFolderSync(ctx); folder = 'started' }
        } else { syncNowFolder(ctx); folder = 'synced' }
      } catch { folder = 'failed' }
    }
  }
  let hub: AutoSyncRun['hub'] = 'off'
  if (s.hubUrl && hasHubToken(ctx)) {
    if (hubJobOf(ctx)?.running) hub = 'running'
    else { startHubSync(ctx); hub = 'started' }
  }
  return { folder, hub }
}

/** Starts the timer; returns a function that stops it. */
export function startAutoSync(context: () => ServiceContext, minutes = AUTO_SYNC_MINUTES): () => void {
  const timer = setInterval(() => {
    try { autoSyncOnce(context()) } catch { /* the next round tries again */ }
  }, minutes * 60_000)
  timer.unref?.()
  return () => clearInterval(timer)
}
