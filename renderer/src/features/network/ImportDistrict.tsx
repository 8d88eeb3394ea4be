/** 导入区县: pick a district from the bundled division data and import its streets/towns and communities. */
import { useState } from 'react'
import { Alert, Checkbox, Input, Modal, Select, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { useApi } from '../../common/useApi'

export function ImportDistrict({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation()
  const [prefix, setPrefix] = useState('31')
  const [code, setCode] = useState<string>()
  const [makeCurrent, setMakeCurrent] = useState(true)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const districts = useApi('network.districts', { prefix }, open && /^\d{0,6}$/.test(prefix))
  async function run() {
    if (!code) return
    setBusy(true)
    setError(undefined)
    try {
      const r = await api('network.importDistrict', { areaCode: code, makeCurrent })
      onDone(t('districts.done', { name: r.district.name, streets: r.streets, communities: r.communities }))
    } catch (e) { setError(e instanceof Error ? e.message : String(e)) } finally { setBusy(false) }
  }
  return (
    <Modal open={open} title={t('districts.title')} onCancel={onClose} onOk={() => void run()} confirmLoading={busy}
      okText={busy ? t('districts.running') : t('districts.run')} okButtonProps={{ disabled: !code, ...({ 'data-testid': 'district-import-run' } as Record<string, string>) }}>
      <Typography.Paragraph type="secondary">{t('districts.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="block-gap" />}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input addonBefore={t('districts.prefix')} value={prefix} maxLength={6} onChange={(e) => setPrefix(e.target.value.trim())} />
        <Select style={{ width: '100%' }} showSearch={{ optionFilterProp: 'label' }} placeholder={t('districts.district')} value={code} onChange={setCode}
          loading={districts.loading} data-testid="district-select"
          options={(districts.data ?? []).map((d) => ({ value: d.code, label: `${d.code} ${d.parent}${d.name}` }))} />
        <Checkbox checked={makeCurrent} onChange={(e) => setMakeCurrent(e.target.checked)}>{t('districts.makeCurrent')}</Checkbox>
      </Space>
    </Modal>
  )
}
