import type { AdminDeps } from '../use-cases/admin-deps';
import type { AuditLog } from '../use-cases/audit-port';
import type { BookingDeps } from '../use-cases/book-desk';
import type { LinkKeyStore } from '../use-cases/calendar-link-port';
import type { OccupancyArchive } from '../use-cases/occupancy-port';
import type { PersonalDataStore } from '../use-cases/personal-data-port';
import type { PlanImages } from '../use-cases/plan-image-port';
import type { CatalogStore } from '../use-cases/ports';
import type { DelegationStore } from '../use-cases/delegation-port';
import type { FavouritesStore } from '../use-cases/favourites-port';
import type { MemberGroups } from '../use-cases/member-groups-port';
import type { SeriesStore } from '../use-cases/series-port';
import type { SitePrivacyStore } from '../use-cases/site-privacy-port';
import type { WaitlistStore } from '../use-cases/waitlist-port';
import type { Authenticator } from './authenticate';

// What every route module is given. It has a file of its own so that the route modules and routes.ts, which mounts
// them, do not import each other.

export interface ApiLogger {
  error(obj: object, msg?: string): void;
}

export interface ApiDeps extends BookingDeps {
  /** Reports, tracing and personal-data requests (src/api/oversight-routes.ts). */
  readonly oversight?: OversightPorts;
  readonly auth: Authenticator;
  readonly log: ApiLogger;
  /** Where admin and oversight routes record what they did. */
  readonly audit: AuditLog;
  /** The versioned catalog, which the admin routes publish to. */
  readonly catalogStore: CatalogStore;
  /** How the admin routes tell people in Teams that a change cancelled their booking; without it, nobody is told. */
  readonly notices?: AdminDeps['notices'];
  /** The groups people's tokens carried, for the re-check of zones restricted to groups. */
  readonly members?: AdminDeps['members'] & Pick<MemberGroups, 'describe' | 'forget'>;
  /** Uploaded floor-plan images; without them the plan-image routes answer 404. */
  readonly planImages?: PlanImages;
  /** Recurring series (the Everyday API). */
  readonly series: SeriesStore;
  /** Signs the calendar links of cards. */
  readonly linkKeys: LinkKeyStore;
  readonly mapUrl?: (date: string, floorId?: string) => string | undefined;
  /** Favourite desks (and "my data" and erasure include them); without them /api/favourites is not served. */
  readonly favourites?: FavouritesStore;
  /** The waitlist; without it (tests of other routes) /api/waitlist is not served. */
  readonly waitlist?: WaitlistStore;
  /** Who may book for whom (booking for someone, issue 17 §3). */
  readonly delegations: DelegationStore;
  /** The link a desk's QR code opens (a Teams deep link to the tab at that desk); without it, the tab's own address. */
  readonly deskUrl?: (deskId: string) => string;
}

/** The ports the oversight routes need beyond the booking ones; each route says which it cannot do without. */
export interface OversightPorts {
  /** Figures of settled days and of days the retention pass purged. */
  readonly archive?: OccupancyArchive;
  /** A person's rows across the tables: GET /api/me/data and DELETE /api/admin/people/{id} need it. */
  readonly personal?: PersonalDataStore;
  /** SEATWISE_RETENTION_DAYS: how far back a person's data is searched. */
  readonly retentionDays?: number;
  /** The stable pseudonym an erased person's past rows carry. */
  readonly pseudonymOf?: (userId: string) => string;
  /** Each site's "colleagues can see names" choice. */
  readonly sitePrivacy?: SitePrivacyStore;
  /** SEATWISE_SHOW_NAMES: what a site that made no choice gets. */
  readonly defaultShowNames?: boolean;
}
