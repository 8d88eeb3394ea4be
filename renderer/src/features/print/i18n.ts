/** Printable document page texts (`print.*`). */
import type { Widen } from '../../i18n/types'

export const zh = {
  print: {
    savePdf: '保存为 PDF',
    pdfSaved: '已保存 {{name}}',
    back: '返回',
    print: '打印 / 存为 PDF',
    hint: '在打印对话框中选择“另存为 PDF”即可保存 PDF 文件',
    open: '打印单据',
  },
} as const

export const en: Widen<typeof zh> = {
  print: {
    savePdf: 'Save as PDF',
    pdfSaved: 'Saved {{name}}',
    back: 'Back',
    print: 'Print / save as PDF',
    hint: 'Choose "Save as PDF" in the print dialog to keep a PDF',
    open: 'Print the form',
  },
}
