/** The one IPC channel between the preload bridge and main: every api call travels on it as { method, input, lang }. */
export const API_CHANNEL = 'api:call'
/** 备份到文件 (desktop): the renderer asks main to open a save dialog and back up there; it sends no path. */
export const BACKUP_SAVE_CHANNEL = 'backup:saveAs'
/** 保存为 PDF (desktop): the print view asks main to print the sending page to an A4 PDF at a path chosen in a save dialog. */
export const PRINT_PDF_CHANNEL = 'print:toPdf'

export interface ApiCallMessage {
  method: string
  input: unknown
  lang: 'zh' | 'en'
}
