import { addDays, civilDateOf } from '../domain/civil-date';
import { err, ok, type Actor, type CivilDate, type Result } from '../domain/model';
import { refusal, type Refusal } from '../domain/refusal';
import type { CatalogIndex } from './catalog-index';
import type { FavouritesStore } from './favourites-port';
import { listMyBookings, type ListDeps } from './list-my-bookings';

/** Enough for the desks one really uses; a longer list would stop being a shortcut. */
export const MAX_FAVOURITES = 10;

export interface FavouritesDeps extends ListDeps {
  readonly favourites: FavouritesStore;
}

/** A desk as the tab shows it: where it is, so that the map can open it. */
export interface PlacedDesk {
  readonly deskId: string;
  readonly label: string;
  readonly floorId: string;
  readonly siteId: string;
}

export interface MyDesks {
  /** In the person's order (oldest added first); desks an import has removed since are left out. */
  readonly favourites: readonly PlacedDesk[];
  /** The desk of the person's latest booking up to today (else their next one): "the same desk as last time". */
  readonly lastDesk?: PlacedDesk & { readonly date: CivilDate };
}

function place(index: CatalogIndex, deskId: string): PlacedDesk | undefined {
  const found = index.locateDesk(deskId);
  return found && { deskId, label: found.desk.label, floorId: found.desk.floorId, siteId: found.catalog.site.id };
}

export async function myDesks(deps: FavouritesDeps, actor: Actor): Promise<MyDesks> {
  const index = await deps.catalog.current();
  const [favourites, last] = await Promise.all([deps.favourites.list(actor.userId), lastBooking(deps, actor, index)]);
  const placed = favourites.map((f) => place(index, f.deskId)).filter((d): d is PlacedDesk => d !== undefined);
  const lastPlaced = last && place(index, last.deskId);
  return { favourites: placed, ...(last && lastPlaced && { lastDesk: { ...lastPlaced, date: last.date } }) };
}

async function lastBooking(deps: FavouritesDeps, actor: Actor, index: CatalogIndex): Promise<{ deskId: string; date: CivilDate } | undefined> {
  const today = civilDateOf(deps.clock.now(), index.sites[0]?.site.timeZone ?? 'UTC');
  const recent = await listMyBookings(deps, { actor, from: addDays(today, -30), to: addDays(today, 30) });
  const past = recent.filter((b) => b.date <= today);
  return past[past.length - 1] ?? recent[0];
}

/** Marks a desk as a favourite (again: it keeps its place). Refused for a desk that does not exist, or an 11th. */
export async function addFavourite(deps: FavouritesDeps, cmd: { readonly actor: Actor; readonly deskId: string }): Promise<Result<MyDesks, Refusal | 'too-many'>> {
  const index = await deps.catalog.current();
  if (!index.locateDesk(cmd.deskId)) return err(refusal({ code: 'UNKNOWN_DESK', deskId: cmd.deskId }));
  // The store counts and writes in one conditional step, so two tabs adding at once cannot pass the cap together.
  const added = await deps.favourites.add(cmd.actor.userId, { deskId: cmd.deskId, addedAt: deps.clock.now().toISOString() }, MAX_FAVOURITES);
  if (added === 'full') return err('too-many');
  return ok(await myDesks(deps, cmd.actor));
}

export async function removeFavourite(deps: FavouritesDeps, cmd: { readonly actor: Actor; readonly deskId: string }): Promise<MyDesks> {
  await deps.favourites.remove(cmd.actor.userId, cmd.deskId);
  return myDesks(deps, cmd.actor);
}
