/**
 * Updates from the hub are a later issue. For now this only points electron-updater at a generic feed when one is
 * configured, and only over https; with no URL (the default) it does nothing at all.
 */
import electronUpdater from 'electron-updater'

export function configureUpdates(feedUrl: string | undefined): boolean {
  if (!feedUrl) return false
  let url: URL
  try {
    url = new URL(feedUrl)
  } catch {
    return false
  }
  if (url.protocol !== 'https:') return false
  const { autoUpdater } = electronUpdater
  autoUpdater.autoDownload = false
  autoUpdater.setFeedURL({ provider: 'generic', url: url.href })
  return true
}
