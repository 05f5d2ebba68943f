import type { Actor, Desk, Floor, Site, Zone } from '../../src/domain/model';
import { DEFAULT_RULES, type PolicyRules, type PolicyVersion } from '../../src/domain/policy';
import type { Clock, IdGenerator, SiteCatalog } from '../../src/use-cases/ports';

export const BRUSSELS = 'Europe/Brussels';

export function aSite(over: Partial<Site> = {}): Site {
  return { id: 'site-1', name: 'Test site', timeZone: BRUSSELS, ...over };
}

export function aFloor(over: Partial<Floor> = {}): Floor {
  return { id: 'f1', siteId: 'site-1', name: 'Floor 1', width: 40, height: 20, ...over };
}

export function aZone(over: Partial<Zone> = {}): Zone {
  return { id: 'z1', floorId: 'f1', name: 'Zone A', outline: [[0, 0], [20, 0], [20, 20], [0, 20]], ...over };
}

export function aDesk(over: Partial<Desk> = {}): Desk {
  const id = over.id ?? 'd1';
  return { id, floorId: 'f1', zoneId: 'z1', label: over.label ?? id, x: 1, y: 1, attributes: [], mode: 'bookable', ...over };
}

export function anActor(userId = 'alice', over: Partial<Actor> = {}): Actor {
  return { userId, name: userId, roles: [], ...over };
}

export function rules(over: Partial<PolicyRules> = {}): PolicyRules {
  return { ...DEFAULT_RULES, bookableWeekdays: [1, 2, 3, 4, 5, 6, 7], ...over };
}

export function aPolicy(over: Partial<PolicyRules> = {}, effectiveFrom = '2020-01-01'): PolicyVersion {
  return { effectiveFrom, rules: rules(over) };
}

/**
 * A floor of `zones` zones side by side, each `cols` × `rows` desks at `pitch` metres.
 * Desk ids are `<floor>-<zone>-<n>`; zone ids `<floor>-z<k>`.
 */
export function gridCatalog(opts: {
  siteId?: string;
  floorId?: string;
  zones?: number;
  cols?: number;
  rows?: number;
  pitch?: number;
  policy?: Partial<PolicyRules>;
  policies?: PolicyVersion[];
} = {}): SiteCatalog {
  const siteId = opts.siteId ?? 'site-1';
  const floorId = opts.floorId ?? 'f1';
  const zonesN = opts.zones ?? 2;
  const cols = opts.cols ?? 4;
  const rows = opts.rows ?? 5;
  const pitch = opts.pitch ?? 1;
  const zoneWidth = cols * pitch;
  const zones: Zone[] = [];
  const desks: Desk[] = [];
  for (let z = 0; z < zonesN; z++) {
    const zoneId = `${floorId}-z${z}`;
    const x0 = z * zoneWidth;
    zones.push({ id: zoneId, floorId, name: `Zone ${String.fromCharCode(65 + z)}`, outline: [[x0, 0], [x0 + zoneWidth, 0], [x0 + zoneWidth, rows * pitch], [x0, rows * pitch]] });
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const n = r * cols + c;
        desks.push({
          id: `${floorId}-${z}-${n}`,
          floorId,
          zoneId,
          label: `${z + 1}.${String(n).padStart(2, '0')}`,
          x: x0 + c * pitch + pitch / 2,
          y: r * pitch + pitch / 2,
          attributes: n % 3 === 0 ? ['monitor'] : n % 3 === 1 ? ['standing'] : [],
          mode: 'bookable',
        });
      }
    }
  }
  return {
    site: aSite({ id: siteId }),
    floors: [aFloor({ id: floorId, siteId, width: zonesN * zoneWidth, height: rows * pitch })],
    zones,
    desks,
    policies: opts.policies ?? [aPolicy(opts.policy ?? {})],
  };
}

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = Date.parse(iso);
  return {
    now: () => new Date(t),
    set: (s) => (t = Date.parse(s)),
    advance: (ms) => (t += ms),
  };
}

export function sequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return { newId: () => `${prefix}${(++n).toString(36).padStart(8, '0')}` };
}

export const noSleepRetry = {
  maxAttempts: 50,
  baseDelayMs: 1,
  maxDelayMs: 5,
  random: Math.random,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
};
