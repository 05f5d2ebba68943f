import { TableAuditLog } from '../../src/storage/table-audit-log';
import { bookDesk } from '../../src/use-cases/book-desk';
import type { AdminDeps } from '../../src/use-cases/admin-deps';
import { applyPolicyChange, previewPolicyChange } from '../../src/use-cases/change-policy';
import { checkIn } from '../../src/use-cases/change-booking';
import { uniqueTableName } from '../support/azurite';
import { aPolicy, anActor, fixedClock, gridCatalog } from '../support/builders';
import { checkInvariants } from '../support/invariant-checker';
import { azuriteHarness, bookingDeps } from '../support/stores';

// Monday 7 December 2026, 09:00 in Brussels.
const NOW = '2026-12-07T08:00:00Z';
const WEEK = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
const catalog = gridCatalog({ zones: 2, cols: 4, rows: 5, pitch: 2, policies: [aPolicy({ zoneCapacity: { kind: 'count', value: 20 }, weeklyQuota: null }, '2020-01-01')] });

describe('a weekly quota introduced from a date: the preview replays the re-check, quotas included', () => {
  it('keeps the checked-in and earliest booked days of each person, and cancels exactly what the preview listed', async () => {
    const h = await azuriteHarness();
    const clock = fixedClock(NOW);
    const deps = await bookingDeps(h, [catalog], clock);
    const admin: AdminDeps = { store: h.reservations, catalogStore: h.catalog, catalog: deps.catalog, clock, audit: new TableAuditLog(h.gateway, uniqueTableName('audit')), retry: deps.retry! };
    // Ann books Friday first, then Monday to Thursday; she is at her desk today. Ben books three days.
    const ann: string[] = [];
    for (const date of ['2026-12-11', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']) {
      const r = await bookDesk(deps, { actor: anActor('ann'), deskId: 'f1-0-0', date });
      if (!r.ok) throw new Error(r.error.code);
      ann.push(r.value.id);
      clock.advance(60_000);
    }
    expect((await checkIn(deps, { actor: anActor('ann'), bookingId: ann[1]! })).ok).toBe(true);
    for (const date of WEEK.slice(0, 3)) expect((await bookDesk(deps, { actor: anActor('ben'), deskId: 'f1-1-0', date })).ok).toBe(true);

    const cmd = { actor: anActor('fm', { roles: ['admin'] }), siteId: 'site-1', effectiveFrom: '2026-12-07', policy: { weeklyQuota: 3 } };
    const preview = await previewPolicyChange(admin, cmd);
    if (!preview.ok) throw new Error(preview.error.kind);
    // Ann keeps Monday (checked in), then the earliest booked: Friday and Tuesday; Wednesday and Thursday go.
    expect(preview.value.cancellations.map((c) => `${c.booking.userId} ${c.booking.date} ${c.refusal.code}`)).toEqual([
      'ann 2026-12-09 QUOTA_EXCEEDED',
      'ann 2026-12-10 QUOTA_EXCEEDED',
    ]);
    expect(preview.value.changes).toEqual([{ field: 'weeklyQuota', from: null, to: 3 }]);

    const applied = await applyPolicyChange(admin, cmd);
    if (!applied.ok) throw new Error(applied.error.kind);
    expect(applied.value.cancelled.map((c) => c.booking.id).sort()).toEqual(preview.value.cancellations.map((c) => c.booking.id).sort());
    expect(applied.value.audit).toMatchObject({ action: 'policy.change', count: 2, params: { fields: 'weeklyQuota', 'from.weeklyQuota': '-', 'to.weeklyQuota': '3' } });
    const stored = (await h.catalog.getSiteCatalog('site-1'))!;
    expect(stored.policies.map((p) => [p.effectiveFrom, p.rules.weeklyQuota])).toEqual([['2020-01-01', null], ['2026-12-07', 3]]);
    expect((await checkInvariants(h.gateway, h.tables.reservations, [stored], { weeksTable: h.tables.weeks })).violations).toEqual([]);
    // Her three days, booked while there was no quota, now count: a fourth is refused.
    deps.catalog.invalidate?.();
    const fourth = await bookDesk(deps, { actor: anActor('ann'), deskId: 'f1-0-0', date: '2026-12-09' });
    expect(fourth.ok ? 'booked' : fourth.error.code).toBe('QUOTA_EXCEEDED');
  });

  it('carries the change into versions that start later, and leaves earlier days alone', async () => {
    const h = await azuriteHarness();
    const clock = fixedClock(NOW);
    const later = gridCatalog({ policies: [aPolicy({ minDistanceM: 1.5 }, '2020-01-01'), aPolicy({ minDistanceM: 2, horizonDays: 30 }, '2026-12-21')] });
    const deps = await bookingDeps(h, [later], clock);
    const admin: AdminDeps = { store: h.reservations, catalogStore: h.catalog, catalog: deps.catalog, clock, audit: new TableAuditLog(h.gateway, uniqueTableName('audit')) };
    const r = await applyPolicyChange(admin, { actor: anActor('fm'), siteId: 'site-1', effectiveFrom: '2026-12-14', policy: { zoneCapacity: { kind: 'percent', value: 30 } } });
    expect(r.ok).toBe(true);
    const stored = (await h.catalog.getSiteCatalog('site-1'))!;
    expect(stored.policies.map((p) => [p.effectiveFrom, p.rules.zoneCapacity.value, p.rules.minDistanceM, p.rules.horizonDays])).toEqual([
      ['2020-01-01', 50, 1.5, 14],
      ['2026-12-14', 30, 1.5, 14],
      ['2026-12-21', 30, 2, 30],
    ]);
  });
});
