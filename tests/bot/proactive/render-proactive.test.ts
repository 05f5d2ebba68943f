import { renderProactive } from '../../../src/bot/proactive/render-proactive';
import type { ProactiveMessage } from '../../../src/use-cases/reminders/reminder-ports';

const booking = { id: '2026-12-03.abcdefgh12', siteId: 's', floorId: 'hq-3', zoneId: 'z', deskId: 'hq-3-12', date: '2026-12-03', userId: 'u', status: 'booked', createdAt: '2026-12-01T08:00:00.000Z' } as const;
const desk = { label: '3.12', zoneName: 'Zone B' };

function actionsOf(activity: Record<string, unknown>): string[] {
  const content = (activity['attachments'] as { content: { actions: { verb?: string; type: string }[] } }[])[0]!.content;
  return content.actions.map((a) => a.verb ?? a.type);
}

describe('every proactive message gets its own card', () => {
  it('renders a waitlist offer as the offer card, with Book it and No thanks, not as another kind', () => {
    const offer: ProactiveMessage = { kind: 'waitlist-offer', booking: { ...booking, id: 'hold.x1' }, desk, deadline: '09:45', entryId: '2026-12-03.entryentry', holdId: 'hold.x1' };
    const activity = renderProactive(offer, 'fr');
    expect(actionsOf(activity)).toEqual(['waitlist.book', 'waitlist.decline']);
    expect(activity['locale']).toBe('fr');
    expect(activity['channelData']).toEqual({ notification: { alert: true } });
  });

  it('renders the reminder, the no-show notice and the admin cancellation each with their own actions', () => {
    const reminder = renderProactive({ kind: 'check-in-reminder', booking, desk, deadline: '10:00' }, 'en');
    const released = renderProactive({ kind: 'no-show-released', booking, desk, deadline: '10:00' }, 'en');
    expect(actionsOf(reminder)).toContain('booking.checkIn');
    expect(actionsOf(released)).not.toContain('booking.checkIn');
    expect(JSON.stringify(released)).not.toContain('waitlist.book');
  });
});
