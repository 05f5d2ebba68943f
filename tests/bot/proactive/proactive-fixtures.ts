import type { Booking } from '../../../src/domain/model';

/** A booking of the day the proactive tests send about. */
export const booking: Booking = {
  id: '2026-10-25.abcdefgh12',
  siteId: 'site-1',
  floorId: 'f1',
  zoneId: 'f1-z0',
  deskId: 'f1-0-3',
  date: '2026-10-25',
  userId: 'alice',
  status: 'booked',
  createdAt: '2026-10-24T12:00:00.000Z',
};
