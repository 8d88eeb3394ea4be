import type { ReactNode } from 'react'
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BookOutlined, CloudSyncOutlined, DashboardOutlined, DatabaseOutlined,
  ExportOutlined, ImportOutlined, PieChartOutlined, ProfileOutlined, SafetyCertificateOutlined, SendOutlined,
  SettingOutlined, TeamOutlined,
} from '@ant-design/icons'
import type { RouteKey } from '../routes'

export const routeIcons: Record<RouteKey, ReactNode> = {
  dashboard: <DashboardOutlined />,
  network: <ApartmentOutlined />,
  stock: <DatabaseOutlined />,
  receipt: <ImportOutlined />,
  issue: <ExportOutlined />,
  stocktake: <AuditOutlined />,
  stockcard: <ProfileOutlined />,
  alerts: <AlertOutlined />,
  catalogue: <BookOutlined />,
  coverage: <PieChartOutlined />,
  agreements: <SafetyCertificateOutlined />,
  dispatch: <SendOutlined />,
  sync: <CloudSyncOutlined />,
  users: <TeamOutlined />,
  settings: <SettingOutlined />,
}
