/**
 * 国家分类: the catalogue as a tree by GB/T 38565-2020 class (大类 → 中类 → 小类 → 细类, items under the class they
 * carry), the items without a class or with a code that is not one, and the import of the bureau's class table
 * (xlsx or CSV, checked row by row, written only when no row has an error).
 */
import { useMemo, useState } from 'react'
import { Alert, App, Button, Card, Checkbox, Empty, List, Modal, Space, Tag, Tree, Typography, Upload } from 'antd'
import type { DataNode } from 'antd/es/tree'
import { UploadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { readImportSource, type ImportSource } from '../../common/importSource'
import { api } from '../../api'
import { useApi } from '../../common/useApi'
import { LoadError } from '../../common/LoadError'
import type { MethodOutput } from '../../../../core/api/handlers'

type TreeOut = MethodOutput<'catalogue.codeTree'>
type Node = TreeOut['roots'][number]
type Preview = MethodOutput<'catalogue.codeTablePreview'>

export function CodeTreeTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [all, setAll] = useState(false)
  const { data, error, reload } = useApi('catalogue.codeTree', { all })
  const [importing, setImporting] = useState(false)
  const [source, setSource] = useState<ImportSource>()
  const [fileName, setFileName] = useState<string>()
  const [preview, setPreview] = useState<Preview>()
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)

  const treeData = useMemo(() => {
    const toNode = (n: Node): DataNode => ({
      key: `c:${n.code}`,
      title: (
        <span data-testid={`code-node-${n.code}`}>
          <Typography.Text code>{n.code}</Typography.Text> {n.name ?? <Typography.Text type="secondary">{t('nationalCodes.unnamed')}</Typography.Text>}
          {' '}<Tag>{t(`nationalCodes.levels.l${n.level as 0 | 1 | 2 | 3}`)}</Tag>
          {n.catchAll && <Tag color="default">{t('nationalCodes.catchAll')}</Tag>}
          <Typography.Text type="secondary"> {t('nationalCodes.items', { n: n.itemCount })}</Typography.Text>
        </span>
      ),
      children: [
        ...n.children.map(toNode),
        ...n.items.map((i) => ({
          key: `i:${i.id}`, isLeaf: true,
          title: <span data-testid={`code-item-${i.code}`}>{i.code} {i.name}{!i.active && <Tag className="tag-gap">{t('catalogue.active')}: {t('catalogue.no')}</Tag>}</span>,
        })),
      ],
    })
    return (data?.roots ?? []).map(toNode)
  }, [data, t])

  async function choose(file: File) {
    setProblem(undefined); setPreview(undefined); setFileName(file.name)
    try {
      const s = await readImportSource(file)
      setSource(s)
      setPreview(await api('catalogue.codeTablePreview', { source: s }))
    } catch (e) { setProblem(e instanceof Error ? e.message : String(e)) }
  }
  async function doImport() {
    if (!source) return
    setBusy(true)
    try {
      const r = await api('catalogue.codeTableImport', { source })
      void message.success(t('nationalCodes.imported', r))
      setImporting(false); setSource(undefined); setPreview(undefined)
      reload()
    } catch (e) { setProblem(e instanceof Error ? e.message : String(e)) } finally { setBusy(false) }
  }

  if (error) return <LoadError error={error} onRetry={reload} />
  const itemList = (rows: Array<{ id: string; code: string; name: string; nationalCode?: string }>, testid: string) => (
    <List size="small" dataSource={rows} locale={{ emptyText: t('nationalCodes.none') }} data-testid={testid}
      renderItem={(i) => <List.Item>{i.code} {i.name}{i.nationalCode ? <Typography.Text type="danger"> （{i.nationalCode}）</Typography.Text> : null}</List.Item>} />
  )
  return (
    <div data-testid="code-tree-tab">
      <Alert type="info" showIcon className="block-gap" title={t('nationalCodes.hint')} />
      <Space className="block-gap" wrap>
        <Button icon={<UploadOutlined />} onClick={() => { setImporting(true); setProblem(undefined); setPreview(undefined); setSource(undefined) }} data-testid="code-import-open">
          {t('nationalCodes.importTable')}
        </Button>
        <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="code-show-all">{t('nationalCodes.showAll')}</Checkbox>
      </Space>
      {data ? (
        <Tree treeData={treeData} defaultExpandedKeys={['c:1', 'c:2', 'c:3']} showLine selectable={false} key={JSON.stringify(all) + data.classes} data-testid="code-tree" />
      ) : <Empty />}
      <Space align="start" wrap className="block-gap" style={{ marginTop: 16 }}>
        <Card size="small" title={t('nationalCodes.unclassified')} style={{ minWidth: 280 }}>{itemList(data?.unclassified ?? [], 'code-unclassified')}</Card>
        {!!data?.invalid.length && <Card size="small" title={t('nationalCodes.invalid')} style={{ minWidth: 280 }}>{itemList(data.invalid, 'code-invalid')}</Card>}
      </Space>
      <Modal open={importing} title={t('nationalCodes.importTitle')} onCancel={() => setImporting(false)} onOk={() => void doImport()}
        okText={t('nationalCodes.doImport')} cancelText={t('nationalCodes.cancel')} confirmLoading={busy}
        okButtonProps={{ disabled: !preview || preview.errorCount > 0 || preview.ready === 0, ...({ 'data-testid': 'code-import-post' } as object) }}>
        <Typography.Paragraph type="secondary">{t('nationalCodes.importHint')}</Typography.Paragraph>
        <Upload accept=".xlsx,.csv,.txt" showUploadList={false} maxCount={1} beforeUpload={(f) => { void choose(f); return false }}>
          <Button icon={<UploadOutlined />} data-testid="code-import-file">{t('nationalCodes.chooseFile')}</Button>
        </Upload>
        {fileName && <Typography.Text className="tag-gap"> {fileName}</Typography.Text>}
        {preview && (
          <Alert className="block-gap" style={{ marginTop: 12 }} type={preview.errorCount ? 'error' : 'success'} showIcon data-testid="code-import-preview"
            title={t('nationalCodes.preview', { total: preview.total, ready: preview.ready, added: preview.added, renamed: preview.renamed, errors: preview.errorCount })}
            description={preview.errorCount ? <ul data-testid="code-import-errors">{preview.errors.slice(0, 50).map((e, k) => <li key={k}>{e.message}</li>)}</ul> : undefined} />
        )}
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      </Modal>
    </div>
  )
}
