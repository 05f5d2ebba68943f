/** The tab's side of booking for someone (issue 17 §3): the caller's delegations, and a booking made for a colleague. */
import { newRequestId, type ApiClient } from './api-client';
import type { BookingDto } from './api-types';

export interface PersonDto {
  readonly id: string;
  readonly name?: string;
  readonly grantedAt: string;
}

export interface DelegationsDto {
  /** Colleagues who may book for the caller. */
  readonly delegates: readonly PersonDto[];
  /** People who let the caller book for them. */
  readonly canBookFor: readonly PersonDto[];
}

export function delegations(api: ApiClient): Promise<DelegationsDto> {
  return api.call('GET', '/api/me/delegates');
}

export function grantDelegate(api: ApiClient, id: string, name?: string): Promise<PersonDto> {
  return api.call('PUT', `/api/me/delegates/${encodeURIComponent(id)}`, name ? { name } : {});
}

export function revokeDelegate(api: ApiClient, id: string): Promise<void> {
  return api.call('DELETE', `/api/me/delegates/${encodeURIComponent(id)}`);
}

/** Books a desk for a colleague (or for oneself without `forPersonId`), with a fresh request id per attempt. */
export function bookFor(api: ApiClient, deskId: string, date: string, forPersonId: string | undefined): Promise<BookingDto> {
  if (!forPersonId) return api.book(deskId, date);
  return api.call('POST', '/api/bookings', { deskId, date, requestId: newRequestId(), forPersonId });
}

export function personName(p: Pick<PersonDto, 'id' | 'name'>): string {
  return p.name ?? p.id;
}
