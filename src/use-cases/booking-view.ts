import type { Booking, BookingStatus } from '../domain/model';
import type { CatalogIndex } from './catalog-index';

/**
 * How people know a desk, a booking and the places a refusal names: labels and names looked up in the catalog, since
 * the use cases speak ids. The API's answers and the bot's cards are both built from these, so the two front doors
 * show the same desk the same way. A desk an import removed since is shown by its id rather than dropped.
 */
export interface DeskView {
  readonly id: string;
  readonly label: string;
  /** The zone the desk is in now: the one its rules are counted in, and the floor view shows. */
  readonly zoneId?: string;
  readonly zoneName?: string;
  readonly floorName?: string;
  readonly attributes?: readonly string[];
}

export function deskView(deskId: string, index: CatalogIndex): DeskView {
  const found = index.locateDesk(deskId);
  if (!found) return { id: deskId, label: deskId };
  const zone = found.layout.zones.find((z) => z.id === found.desk.zoneId);
  return {
    id: deskId,
    label: found.desk.label,
    zoneId: found.desk.zoneId,
    ...(zone && { zoneName: zone.name }),
    floorName: found.layout.floor.name,
    attributes: found.desk.attributes,
  };
}

export interface BookingView {
  readonly id: string;
  readonly date: string;
  readonly status: BookingStatus;
  readonly checkedIn: boolean;
  /**
   * Where the desk is now. After an import renamed its zone or moved the desk, the booking counts in the desk's zone
   * of today's layout, so both front doors name that one, as the floor view does (`Booking.zoneId` keeps the zone it
   * was made in).
   */
  readonly desk: DeskView;
}

export function bookingView(b: Booking, index: CatalogIndex): BookingView {
  return { id: b.id, date: b.date, status: b.status, checkedIn: b.status === 'checked-in', desk: deskView(b.deskId, index) };
}

/** The names a refusal's sentence needs (its details carry ids): `RefusalLookup` of src/i18n/describe-refusal. */
export function placeNames(index: CatalogIndex): { deskLabel(id: string): string | undefined; zoneName(id: string): string | undefined } {
  return {
    deskLabel: (id: string) => index.locateDesk(id)?.desk.label,
    zoneName: (id: string) => index.sites.flatMap((s) => s.zones).find((z) => z.id === id)?.name,
  };
}
