import type { ApiClient } from './api-client';

/**
 * Saves a booking's calendar file. The link needs the tab's identity (a Teams token), which a plain <a href> would not
 * send, so the file is fetched with it and handed to the browser as a download of the blob.
 */
export async function saveCalendarFile(api: ApiClient, bookingId: string, fileName: string): Promise<void> {
  const blob = await api.download(`/api/bookings/${encodeURIComponent(bookingId)}/ics`, 'text/calendar');
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // The click has started the download; the object URL may go once the event loop turns.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** "seatwise-2026-12-03.ics": the day says which booking it is; the name holds no person's data. */
export function calendarFileName(date: string, cancelled = false): string {
  return `seatwise-${date}${cancelled ? '-cancelled' : ''}.ics`;
}
