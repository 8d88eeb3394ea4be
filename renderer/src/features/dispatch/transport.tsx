/**
 * Vehicles and drivers from the transport agreements (运力协议) where they exist: offered as suggestions on plain
 * text fields (a native datalist), so a dispatcher can still type any plate or name — most vehicles in a typhoon
 * are not under agreement — and the field stays a single keyboard stop.
 */
import { useApi } from '../../common/useApi'

export function useTransport() {
  const sources = useApi('dispatch.sources', {})
  const rows = sources.data?.transport ?? []
  const vehicles = [...new Set(rows.map((r) => `${r.partnerName} ${r.vehicleType ?? ''}${r.vehicleCount ? ` ×${r.vehicleCount}` : ''}（${r.agreementNo}）`.replace(/\s+（/, '（')))]
  const drivers = [...new Set(rows.map((r) => [r.contact ?? r.partnerName, r.phone].filter(Boolean).join(' ')))]
  return { vehicles, drivers }
}

export function TransportLists({ transport }: { transport: ReturnType<typeof useTransport> }) {
  return (
    <>
      <datalist id="transport-vehicles">{transport.vehicles.map((v) => <option key={v} value={v} />)}</datalist>
      <datalist id="transport-drivers">{transport.drivers.map((v) => <option key={v} value={v} />)}</datalist>
    </>
  )
}
