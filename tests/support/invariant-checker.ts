import type { TableGateway, TableEntity } from '../../src/storage/table-gateway';
import type { SiteCatalog } from '../../src/use-cases/ports';

export interface InvariantReport {
  readonly violations: string[];
  readonly days: number;
  readonly activeBookings: number;
  readonly rows: number;
}

/**
 * An independent check of the stored rows against the rules. It reads raw entities and parses them itself
 * (not through the store's mapper), so a bug in the store cannot hide itself here.
 */
export async function checkInvariants(gateway: TableGateway, table: string, catalogs: readonly SiteCatalog[]): Promise<InvariantReport> {
  const rows = await gateway.queryTable(table);
  const violations: string[] = [];
  const desks = new Map(catalogs.flatMap((c) => c.desks.map((d) => [d.id, d] as const)));
  const siteOf = new Map(catalogs.map((c) => [c.site.id, c] as const));
  const byPartition = new Map<string, TableEntity[]>();
  for (const { entity } of rows) {
    if (!entity.partitionKey.startsWith('day|')) continue;
    const list = byPartition.get(entity.partitionKey) ?? [];
    list.push(entity);
    byPartition.set(entity.partitionKey, list);
  }
  let active = 0;
  for (const [pk, entities] of byPartition) {
    const date = pk.slice(4);
    const bookings = entities.filter((e) => e.rowKey.startsWith('booking|'));
    const live = bookings.filter((b) => b['status'] === 'booked' || b['status'] === 'checked-in');
    active += live.length;
    const liveIds = new Set(live.map((b) => String(b['bookingId'])));

    const perDesk = groupCount(live.map((b) => String(b['deskId'])));
    for (const [deskId, n] of perDesk) if (n > 1) violations.push(`${date}: desk ${deskId} booked ${n} times`);
    const perUser = groupCount(live.map((b) => String(b['userId'])));
    for (const [userId, n] of perUser) if (n > 1) violations.push(`${date}: ${userId} holds ${n} desks`);

    // Desk and person rows exist exactly for the live bookings.
    const deskRows = entities.filter((e) => e.rowKey.startsWith('desk|'));
    const personRows = entities.filter((e) => e.rowKey.startsWith('person|'));
    for (const r of [...deskRows, ...personRows]) {
      if (!liveIds.has(String(r['bookingId']))) violations.push(`${date}: orphan row ${r.rowKey} for booking ${String(r['bookingId'])}`);
    }
    if (deskRows.length !== live.length) violations.push(`${date}: ${deskRows.length} desk rows for ${live.length} live bookings`);
    if (personRows.length !== live.length) violations.push(`${date}: ${personRows.length} person rows for ${live.length} live bookings`);

    // Zone capacity and distance, with the rules in force that day.
    for (const catalog of siteOf.values()) {
      const policy = [...catalog.policies].filter((p) => p.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
      if (!policy) continue;
      const D = policy.rules.minDistanceM;
      const siteLive = live.filter((b) => b['siteId'] === catalog.site.id);
      for (const zone of catalog.zones) {
        const rule = policy.zoneCapacity?.[zone.id] ?? policy.rules.zoneCapacity;
        const bookable = catalog.desks.filter((d) => d.zoneId === zone.id && d.mode === 'bookable').length;
        const cap = rule.kind === 'count' ? rule.value : Math.floor((bookable * rule.value) / 100 + 1e-9);
        const n = siteLive.filter((b) => b['zoneId'] === zone.id).length;
        if (n > cap) violations.push(`${date}: zone ${zone.id} holds ${n}, over its capacity ${cap}`);
      }
      for (let i = 0; i < siteLive.length; i++) {
        for (let j = i + 1; j < siteLive.length; j++) {
          const a = desks.get(String(siteLive[i]!['deskId']));
          const b = desks.get(String(siteLive[j]!['deskId']));
          if (!a || !b || a.floorId !== b.floorId) continue;
          const dist = Math.hypot(a.x - b.x, a.y - b.y);
          if (dist < D - 1e-9) violations.push(`${date}: desks ${a.id} and ${b.id} are ${dist.toFixed(2)} m apart, under ${D} m`);
        }
      }
    }

    // Every ledger agrees with the booking rows it summarises.
    const ledgers = entities.filter((e) => e.rowKey.startsWith('zone|'));
    const ledgerZones = new Set<string>();
    for (const l of ledgers) {
      const zoneId = String(l['zoneId']);
      ledgerZones.add(zoneId);
      let json = '';
      for (let i = 0; i < Number(l['chunks']); i++) json += String(l[`entries${i}`]);
      const entries = JSON.parse(json) as [string, string, string, number][];
      if (entries.length !== Number(l['count'])) violations.push(`${date}: ledger ${zoneId} count ${String(l['count'])} for ${entries.length} entries`);
      const expected = live
        .filter((b) => b['zoneId'] === zoneId)
        .map((b) => `${String(b['deskId'])}/${String(b['userId'])}/${String(b['bookingId'])}/${b['status'] === 'checked-in' ? 1 : 0}`)
        .sort();
      const actual = entries.map((e) => e.join('/')).sort();
      if (expected.join('|') !== actual.join('|')) violations.push(`${date}: ledger ${zoneId} lists [${actual.join(', ')}] but the rows say [${expected.join(', ')}]`);
    }
    for (const b of live) {
      if (!ledgerZones.has(String(b['zoneId']))) violations.push(`${date}: booking ${String(b['bookingId'])} has no ledger for zone ${String(b['zoneId'])}`);
    }
  }
  return { violations, days: byPartition.size, activeBookings: active, rows: rows.length };
}

function groupCount(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
