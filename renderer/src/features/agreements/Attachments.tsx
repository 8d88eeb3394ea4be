/** An agreement's documents: upload (read in the browser, sent as base64; no paths leave the UI) and download. */
import { useState } from 'react'
import { App, Button, List, Upload } from 'antd'
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'

const toBase64 = (file: File) => new Promise<string>((resolve, reject) => {
  const r = new FileReader()
  r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
  r.onerror = () => reject(r.error)
  r.readAsDataURL(file)
})

export function Attachments({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { data, reload } = useApi('agreements.attachments', { agreementId })
  const [busy, setBusy] = useState(false)
  async function upload(file: File) {
    setBusy(true)
    try {
      await api('agreements.attach', { agreementId, fileName: file.name, mime: file.type || null, contentBase64: await toBase64(file) })
      reload()
    } catch (e) { void message.error(e instanceof Error ? e.message : String(e)) } finally { setBusy(false) }
  }
  async function download(id: string) {
    const a = await api('agreements.attachment', { id })
    const bytes = Uint8Array.from(atob(a.contentBase64), (c) => c.charCodeAt(0))
    const url = URL.createObjectURL(new Blob([bytes], { type: a.mime ?? 'application/octet-stream' }))
    const link = document.createElement('a')
    link.href = url
    link.download = a.fileName
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  return (
    <div data-testid="agreement-attachments">
      <List size="small" header={t('agreements.attachments')} dataSource={data ?? []} locale={{ emptyText: t('agreements.noAttachments') }}
        renderItem={(a) => (
          <List.Item>
            {a.office
              ? <span><PaperClipOutlined /> {a.fileName} <span className="muted">{t('agreements.attachmentElsewhere', { office: a.office })}</span></span>
              : <a onClick={() => void download(a.id)}><PaperClipOutlined /> {a.fileName}</a>}
            <span className="muted">{(a.size / 1024).toFixed(0)} KB</span>
          </List.Item>
        )} />
      <Upload showUploadList={false} beforeUpload={(f) => { void upload(f); return false }}>
        <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="agreement-upload">{t('agreements.upload')}</Button>
      </Upload>
    </div>
  )
}
