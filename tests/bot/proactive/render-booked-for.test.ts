import { renderProactive } from '../../../src/bot/proactive/render-proactive';
import type { ProactiveMessage } from '../../../src/use-cases/reminders/reminder-ports';

const booking = {
  id: '2026-12-03.abcdefgh12',
  siteId: 'site-1',
  floorId: 'f1',
  zoneId: 'z1',
  deskId: 'd1',
  date: '2026-12-03',
  userId: 'ann',
  status: 'booked' as const,
  createdAt: '2026-12-01T08:00:00.000Z',
  bookedBy: 'dan',
};
const message: ProactiveMessage = { kind: 'booked-for', booking, desk: { label: '3.12', zoneName: 'Zone B', floorName: '3rd floor' }, bookedByName: 'Dan *Delegate*' };

function actionsOf(activity: Record<string, unknown>): string[] {
  const content = (activity['attachments'] as { content: { actions: { verb?: string; type: string }[] } }[])[0]!.content;
  return content.actions.map((a) => a.verb ?? a.type);
}

describe('the card telling a person that a desk was booked for them', () => {
  it.each([
    ['en', 'A desk was booked for you', 'Booked by'],
    ['fr', 'Un bureau a été réservé pour vous', 'Réservé par'],
    ['nl', 'Er is een bureau voor u geboekt', 'Geboekt door'],
    ['de', 'Für Sie wurde ein Schreibtisch gebucht', 'Gebucht von'],
  ] as const)('in %s names who booked, the desk, and offers Cancel on the booking, with an alert', (locale, title, bookedBy) => {
    const activity = renderProactive(message, locale, (date, floorId) => `https://teams.microsoft.com/l/entity/app/book?context=${date}|${floorId}`);
    const text = JSON.stringify(activity);
    expect(text).toContain(title);
    expect(text).toContain(bookedBy);
    expect(text).toContain('3.12');
    // The name is the booker's own text: Markdown in it is shown as typed, not as formatting.
    expect(text).toContain('Dan \\\\*Delegate\\\\*');
    expect(actionsOf(activity)).toEqual(['booking.cancel', 'bookings.show', 'Action.OpenUrl']);
    expect(text).toContain('2026-12-03.abcdefgh12');
    expect(activity['summary']).toContain('Dan *Delegate*');
    expect(activity['channelData']).toEqual({ notification: { alert: true } });
  });
});

describe('the card telling a person that their delegate cancelled a desk booked for them', () => {
  const cancelled: ProactiveMessage = {
    kind: 'cancelled-for',
    booking: { ...booking, status: 'released', releasedBy: 'dan', releaseReason: 'cancelled', releasedAt: '2026-12-01T09:00:00.000Z' },
    desk: { label: '3.12', zoneName: 'Zone B', floorName: '3rd floor' },
    cancelledByName: 'Dan *Delegate*',
  };
  it.each([
    ['en', 'A desk booked for you was cancelled', 'Cancelled by'],
    ['fr', 'Un bureau réservé pour vous a été annulé', 'Annulé par'],
    ['nl', 'Een voor u geboekt bureau is geannuleerd', 'Geannuleerd door'],
    ['de', 'Ein für Sie gebuchter Schreibtisch wurde storniert', 'Storniert von'],
  ] as const)('in %s names who cancelled and the desk, offers no Cancel of a booking gone, with an alert', (locale, title, cancelledBy) => {
    const activity = renderProactive(cancelled, locale, (date, floorId) => `https://teams.microsoft.com/l/entity/app/book?context=${date}|${floorId}`);
    const text = JSON.stringify(activity);
    expect(text).toContain(title);
    expect(text).toContain(cancelledBy);
    expect(text).toContain('3.12');
    expect(text).toContain('Dan \\\\*Delegate\\\\*');
    expect(actionsOf(activity)).toEqual(['bookings.show', 'Action.OpenUrl']);
    expect(activity['summary']).toContain('Dan *Delegate*');
    expect(activity['channelData']).toEqual({ notification: { alert: true } });
  });
});
