import type { TableGateway, TableEntity } from '../../src/storage/table-gateway';
import { isoWeek } from '../../src/domain/civil-date';
import { DEFAULT_RULES, type PolicyVersion } from '../../src/domain/policy';
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
export async function checkInvariants(
  gateway: TableGateway,
  table: string,
  catalogs: readonly SiteCatalog[],
  options: { readonly weeksTable?: string } = {},
): Promise<InvariantReport> {
  const rows = await gateway.queryTable(table);
  const counted: TableEntity[] = [];
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

    // Waitlist holds: an open offer holds its desk with a desk row and a ledger entry under its hold id, as a booking
    // would, and counts as a booking for every rule. An offer whose hold a booking took over shows that booking.
    const offers = entities.filter((e) => e.rowKey.startsWith('wait|') && e['state'] === 'offered');
    const holdDeskRows = entities.filter((e) => e.rowKey.startsWith('desk|') && e['hold'] === true);
    const holds: TableEntity[] = [];
    for (const o of offers) {
      const holdId = String(o['holdId']);
      const rows = holdDeskRows.filter((r) => r['bookingId'] === holdId);
      const takenOver = live.some((b) => b['userId'] === o['userId'] && b['deskId'] === o['deskId']);
      if (rows.length === 1 && rows[0]!['deskId'] === o['deskId'] && rows[0]!['userId'] === o['userId']) {
        // The hold as a booking-shaped row for the capacity, distance and ledger checks below.
        holds.push({ ...o, bookingId: holdId, deskId: String(o['deskId']), zoneId: String(o['offerZoneId']), status: 'booked' });
      } else if (rows.length !== 0 || !takenOver) {
        violations.push(`${date}: offer ${String(o['entryId'])} (hold ${holdId}) has ${rows.length} desk rows and no booking took it over`);
      }
    }
    for (const r of holdDeskRows) {
      if (!offers.some((o) => o['holdId'] === r['bookingId'])) violations.push(`${date}: hold desk row ${r.rowKey} for ${String(r['bookingId'])}, which is no open offer`);
    }
    const perDeskAll = groupCount([...live, ...holds].map((b) => String(b['deskId'])));
    for (const [deskId, n] of perDeskAll) if (n > 1) violations.push(`${date}: desk ${deskId} held or booked ${n} times`);

    // Desk and person rows exist exactly for the live bookings.
    const deskRows = entities.filter((e) => e.rowKey.startsWith('desk|') && e['hold'] !== true);
    const personRows = entities.filter((e) => e.rowKey.startsWith('person|'));
    for (const r of [...deskRows, ...personRows]) {
      if (!liveIds.has(String(r['bookingId']))) violations.push(`${date}: orphan row ${r.rowKey} for booking ${String(r['bookingId'])}`);
    }
    if (deskRows.length !== live.length) violations.push(`${date}: ${deskRows.length} desk rows for ${live.length} live bookings`);
    if (personRows.length !== live.length) violations.push(`${date}: ${personRows.length} person rows for ${live.length} live bookings`);

    // What counts against a weekly quota: an active booking, or one that was checked in.
    counted.push(...bookings.filter((b) => liveIds.has(String(b['bookingId'])) || b['checkedInAt'] !== undefined));

    // Zone capacity and distance, with the rules in force that day (the default rules when the site has none),
    // each desk where the catalog puts it now: an import may have renamed its zone or moved it.
    for (const catalog of siteOf.values()) {
      const policy = policyOn(catalog, date);
      const D = policy.rules.minDistanceM;
      const siteLive = [...live, ...holds].filter((b) => b['siteId'] === catalog.site.id);
      const zoneOf = (b: TableEntity) => desks.get(String(b['deskId']))?.zoneId ?? String(b['zoneId']);
      for (const zone of catalog.zones) {
        const rule = policy.zoneCapacity?.[zone.id] ?? policy.rules.zoneCapacity;
        // A desk switched off from a day no longer counts from that day on (written out here, not through the domain).
        const bookable = catalog.desks.filter((d) => d.zoneId === zone.id && d.mode === 'bookable' && !(d.offFrom !== undefined && d.offFrom <= date)).length;
        const cap = rule.kind === 'count' ? rule.value : Math.floor((bookable * rule.value) / 100 + 1e-9);
        const n = siteLive.filter((b) => zoneOf(b) === zone.id).length;
        if (n > cap) violations.push(`${date}: zone ${zone.id} holds ${n}, over its capacity ${cap}`);
      }
      // A desk switched off from a day holds no booking on or after it: the publish's re-check cancels those, and a
      // booking made against the layout before the publish is refused once the revision on the ledgers shows it.
      // Checked-in bookings stay, as for every re-check: the person is at the desk.
      for (const b of siteLive) {
        const desk = desks.get(String(b['deskId']));
        if (desk?.offFrom !== undefined && desk.offFrom <= date && b['status'] === 'booked') {
          violations.push(`${date}: booking ${String(b['bookingId'])} holds desk ${desk.id}, switched off from ${desk.offFrom}`);
        }
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

    // The ledgers list exactly the live bookings, each once, in its desk's floor and in the zone it was booked in
    // or the zone its desk is in now (the import's re-check moves entries to the latter).
    const ledgers = entities.filter((e) => e.rowKey.startsWith('zone|'));
    const listed = new Map<string, string[]>();
    for (const l of ledgers) {
      const zoneId = String(l['zoneId']);
      let json = '';
      for (let i = 0; i < Number(l['chunks']); i++) json += String(l[`entries${i}`]);
      const entries = JSON.parse(json) as [string, string, string, number][];
      if (entries.length !== Number(l['count'])) violations.push(`${date}: ledger ${zoneId} count ${String(l['count'])} for ${entries.length} entries`);
      for (const e of entries) listed.set(e[2], [...(listed.get(e[2]) ?? []), `${String(l['floorId'])}/${zoneId}/${e[0]}/${e[1]}/${e[3]}`]);
    }
    for (const b of [...live, ...holds]) {
      const id = String(b['bookingId']);
      const where = listed.get(id) ?? [];
      listed.delete(id);
      const desk = desks.get(String(b['deskId']));
      const fits = (w: string) => {
        const [floorId, zoneId, deskId, userId, checkedIn] = w.split('/');
        const place = (floorId === b['floorId'] && zoneId === b['zoneId']) || (desk && floorId === desk.floorId && zoneId === desk.zoneId);
        return place && deskId === b['deskId'] && userId === b['userId'] && checkedIn === (b['status'] === 'checked-in' ? '1' : '0');
      };
      if (where.length !== 1 || !fits(where[0]!)) violations.push(`${date}: booking ${id} is listed in the ledgers as [${where.join(', ')}]`);
    }
    for (const [id, where] of listed) violations.push(`${date}: ledgers list [${where.join(', ')}] for booking ${id}, which is not live`);
  }

  if (options.weeksTable) violations.push(...(await quotaViolations(gateway, options.weeksTable, counted, siteOf)));
  return { violations, days: byPartition.size, activeBookings: active, rows: rows.length };
}

/** The rules in force on a day: the latest policy already effective, or the default rules when there is none. */
function policyOn(catalog: SiteCatalog, date: string): Pick<PolicyVersion, 'rules' | 'zoneCapacity'> {
  const policy = [...catalog.policies].filter((p) => p.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  return policy ?? { rules: DEFAULT_RULES };
}

/**
 * The weekly quota: a person's counted bookings of an ISO week are at most the quota in force on each of those days,
 * and each of them is held in the person's week row (a booking missing there lets the next one past the quota).
 */
async function quotaViolations(
  gateway: TableGateway,
  weeksTable: string,
  counted: readonly TableEntity[],
  siteOf: ReadonlyMap<string, SiteCatalog>,
): Promise<string[]> {
  const violations: string[] = [];
  const weekRows = new Map<string, Set<string>>();
  for (const { entity } of await gateway.queryTable(weeksTable)) {
    const entries = JSON.parse(String(entity['entries'])) as [string, string, string][];
    weekRows.set(`${String(entity['userId'])}|${entity.rowKey}`, new Set(entries.map((e) => e[0])));
  }
  const byPersonWeek = new Map<string, TableEntity[]>();
  for (const b of counted) {
    const k = `${String(b['userId'])}|${isoWeek(String(b['date']))}`;
    byPersonWeek.set(k, [...(byPersonWeek.get(k) ?? []), b]);
  }
  for (const [k, list] of byPersonWeek) {
    for (const b of list) {
      const catalog = siteOf.get(String(b['siteId']));
      const quota = catalog ? policyOn(catalog, String(b['date'])).rules.weeklyQuota : null;
      if (quota === null) continue;
      if (list.length > quota) violations.push(`${k}: ${list.length} bookings in the week, over the quota ${quota} of ${String(b['date'])}`);
      if (!weekRows.get(k)?.has(String(b['bookingId']))) violations.push(`${k}: booking ${String(b['bookingId'])} is not held in the week row`);
    }
  }
  return [...new Set(violations)];
}

function groupCount(values: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}
