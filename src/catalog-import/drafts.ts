/** A site file as read so far: the entries that passed their own field rules, each with where it stands in the file. */
import type { Seg, Where } from './problems';
import type { DeskInput, FloorInput, PolicyInput, SiteInput, ZoneInput } from './schemas';

export interface DeskDraft {
  readonly desk: DeskInput;
  readonly at: (field?: string) => Where;
  /** The zone whose outline holds a desk given without zoneId, once the checks found it. */
  placedIn?: string;
}

export interface ZoneDraft {
  readonly zone: ZoneInput;
  readonly at: (path?: readonly Seg[], key?: boolean) => Where;
}

export interface FloorDraft {
  readonly id: string | undefined;
  readonly floor: FloorInput | undefined;
  readonly at: (path?: readonly Seg[], key?: boolean) => Where;
  readonly zones: ZoneDraft[];
  /** Ids of zones that failed validation: desks referring to them are not reported as well. */
  readonly brokenZoneIds: Set<string>;
  /** False when a zone failed validation, so that finding a desk's zone by position would be guesswork. */
  zonesComplete: boolean;
  readonly desks: DeskDraft[];
  readonly site: SiteDraft;
}

export interface SiteDraft {
  site: SiteInput | undefined;
  readonly at: (path?: readonly Seg[], key?: boolean) => Where;
  readonly floors: FloorDraft[];
  readonly policies: { policy: PolicyInput; at: (path?: readonly Seg[], key?: boolean) => Where }[];
}
