/** The Everyday API's series shapes as the tab reads them (DESIGN.md, "Everyday API"; extra fields of this app). */
import type { BookingDto } from './api-types';

export interface SeriesDto {
  readonly id: string;
  readonly siteId: string;
  readonly deskId?: string;
  readonly deskLabel?: string;
  readonly zoneId?: string;
  readonly attributes?: readonly string[];
  readonly weekdays: readonly number[];
  readonly every: 1 | 2;
  readonly from: string;
  readonly until: string;
  readonly booked: readonly string[];
  readonly refused: readonly { readonly date: string; readonly code: string; readonly message?: string }[];
  readonly pending: readonly string[];
  readonly cancelled?: readonly string[];
  readonly bookings?: readonly { readonly date: string; readonly bookingId?: string }[];
}

export interface SeriesPreviewDto {
  readonly siteId: string;
  readonly lastBookableDate: string;
  readonly days: readonly {
    readonly date: string;
    readonly state: 'book' | 'refused' | 'pending';
    readonly deskId?: string;
    readonly deskLabel?: string;
    readonly code?: string;
    readonly message?: string;
  }[];
}

/** A booking of GET /api/bookings: one of a series carries its id. */
export type MyBookingDto = BookingDto & { readonly seriesId?: string };
