/**
 * The shapes of the REST API (DESIGN.md, "Interfaces that others rely on"): the API's routes build their answers as
 * these types and the tab reads them as these types, so a field changed on one side fails the type check of the other.
 * Types only, and only types from the domain: the tab imports this file and talks to the server over HTTP.
 */
import type { BookingWindow } from '../domain/booking-window';
import type { DeskState } from '../domain/floor-day';
import type { Alternative } from '../domain/refusal';
import type { BookingStatus, FloorPlan, ReleaseReason } from '../domain/model';
import type { FloorDayFigures, OccupancyReport, PlaceNames, ZoneDayFigures, ZoneWeekFigures } from '../domain/occupancy';

export type { DeskState } from '../domain/floor-day';

export interface MeDto {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly locale: string;
}

export interface SiteDto {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly floors: readonly { readonly id: string; readonly name: string }[];
  readonly bookingWindow?: BookingWindowDto;
}

/** Which days can be booked at a site: the domain's own answer (src/domain/booking-window.ts), sent as it is. */
export type BookingWindowDto = BookingWindow;

export interface FloorDto {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly planImageUrl?: string;
  /** Walls, windows and rooms in metres, drawn under the zones and desks. */
  readonly plan?: FloorPlan;
}

export interface PolicyDto {
  readonly minDistanceM: number;
  readonly checkInDeadline: string;
  readonly horizonDays: number;
  /** Today in the site's time zone. */
  readonly firstBookableDate?: string;
  readonly lastBookableDate?: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly bookableWeekdays?: readonly number[];
  readonly bookableDates?: readonly string[];
  readonly today?: string;
  readonly reminderTime?: string;
  readonly weeklyQuota?: number | null;
  readonly timeZone?: string;
}

export interface ZoneDto {
  readonly id: string;
  readonly name: string;
  readonly outline: readonly (readonly [number, number])[];
  readonly capacity: number;
  readonly booked: number;
}

export interface DeskDto {
  readonly id: string;
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly zoneId: string;
  readonly attributes: readonly string[];
  readonly state: DeskState;
  /** Why the desk has its state, in the caller's language. */
  readonly reason: string;
  /** Only for 'mine' (and not when the view is a colleague's: their booking is their business). */
  readonly bookingId?: string;
  readonly checkedIn?: boolean;
  /** The state in words when it is not the caller's own ("Ann's desk" in a colleague's view); else the tab words it. */
  readonly stateText?: string;
}

export interface FloorViewDto {
  readonly floor: FloorDto;
  readonly date: string;
  readonly policy: PolicyDto;
  readonly zones: readonly ZoneDto[];
  readonly desks: readonly DeskDto[];
  /** Present when asked with ?forPersonId=: the view is that colleague's day, not the caller's. */
  readonly forPerson?: ForPersonDto;
}

/** The colleague whose day a floor view shows ("Book for"). */
export interface ForPersonDto {
  readonly id: string;
  /** The name they gave when they named the caller; absent, the tab shows the id. */
  readonly name?: string;
  /** Why booking for them that day would be refused whatever the desk (one desk a day, the weekly quota), in words. */
  readonly refusal?: { readonly code: string; readonly message: string };
}

export interface BookingDto {
  readonly id: string;
  readonly deskId: string;
  readonly deskLabel?: string;
  readonly zoneName?: string;
  readonly floorId?: string;
  readonly floorName?: string;
  readonly date: string;
  readonly status: BookingStatus;
  readonly zoneId?: string;
  readonly siteId?: string;
  readonly userId?: string;
  readonly createdAt?: string;
  readonly checkedInAt?: string;
  readonly releasedAt?: string;
  readonly releaseReason?: ReleaseReason;
  readonly seriesId?: string;
}

export type AlternativeDto = Alternative & { readonly text: string };

/** Every error body: a stable code and a sentence; a refusal (409) adds alternatives. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly alternatives?: readonly AlternativeDto[];
}

/** GET /api/floors/{floorId}/days: the window from today, per day. */
export interface DaySummaryDto {
  readonly date: string;
  readonly bookable: boolean;
  readonly free: number;
  readonly total: number;
  readonly mineDeskId?: string;
}

export interface DaySummariesDto {
  readonly today: string;
  readonly lastBookableDate: string;
  readonly days: readonly DaySummaryDto[];
}

/** GET /api/reports/occupancy: the use case's report, sent as it is. */
export type OccupancyReportDto = OccupancyReport;
/** One zone on one day (`rows`). */
export type ZoneDayDto = ZoneDayFigures & PlaceNames;
/** One zone over one ISO week (`weeks`). */
export type ZoneWeekDto = ZoneWeekFigures & PlaceNames;
/** One floor on one day (`floors`). */
export type FloorDayDto = FloorDayFigures;
