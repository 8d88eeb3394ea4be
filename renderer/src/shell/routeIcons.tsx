import type { ReactNode } from 'react'
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BookOutlined, CloudSyncOutlined, DashboardOutlined, DatabaseOutlined,
  ExportOutlined, ImportOutlined, PieChartOutlined, ProfileOutlined, SafetyCertificateOutlined, SendOutlined,
  SettingOutlined, TeamOutlined, ThunderboltOutlined, SwapOutlined, DeleteOutlined, FileSearchOutlined, SaveOutlined, FileExcelOutlined, FileDoneOutlined,
} from '@ant-design/icons'
import type { RouteKey } from '../routes'

export const routeIcons: Record<RouteKey, ReactNode> = {
  dashboard: <DashboardOutlined aria-hidden />,
  network: <ApartmentOutlined aria-hidden />,
  stock: <DatabaseOutlined aria-hidden />,
  receipt: <ImportOutlined aria-hidden />,
  issue: <ExportOutlined aria-hidden />,
  transfer: <SwapOutlined aria-hidden />,
  writeoff: <DeleteOutlined aria-hidden />,
  stocktake: <AuditOutlined aria-hidden />,
  stockcard: <ProfileOutlined aria-hidden />,
  import: <FileExcelOutlined aria-hidden />,
  alerts: <AlertOutlined aria-hidden />,
  catalogue: <BookOutlined aria-hidden />,
  coverage: <PieChartOutlined aria-hidden />,
  agreements: <SafetyCertificateOutlined aria-hidden />,
  dispatch: <SendOutlined aria-hidden />,
  readiness: <ThunderboltOutlined aria-hidden />,
  reports: <FileDoneOutlined aria-hidden />,
  sync: <CloudSyncOutlined aria-hidden />,
  users: <TeamOutlined aria-hidden />,
  audit: <FileSearchOutlined aria-hidden />,
  backup: <SaveOutlined aria-hidden />,
  settings: <SettingOutlined aria-hidden />,
}
