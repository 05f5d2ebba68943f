import { pluralKey, t, translate, type Locale } from '../../i18n/messages';
import {
  actionSet,
  adaptiveCard,
  heading,
  openUrlAction,
  textBlock,
  type AdaptiveCard,
  type CardAction,
  type ColumnSet,
} from './adaptive-card';
import { attributesText, bookButton, capped, dayText, labelText, LIMITS, whereText } from './card-parts';
import { plainText } from './markdown';
import type { CardDesk } from './suggestion-card';

/** Teams shows a handful of rows comfortably; the map shows the rest. */
export const MAX_PICK_DESKS = 12;

export interface PickDeskCardInput {
  readonly date: string;
  /** Free desks, best first; the first 12 are offered. */
  readonly desks: readonly CardDesk[];
  /** Every button books under this id, so one pick card makes at most one booking. */
  readonly requestId: string;
  readonly mapUrl?: string;
}

function deskRow(desk: CardDesk, input: PickDeskCardInput, locale: Locale): ColumnSet {
  const details = [
    whereText(desk.zoneName, desk.floorName),
    attributesText(desk.attributes, locale, LIMITS.listAttributes),
  ]
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .join(' · ');
  return {
    type: 'ColumnSet',
    separator: true,
    spacing: 'Small',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'Center',
        items: [
          textBlock(t(locale, 'card.desk', { desk: labelText(desk.label) }), { weight: 'Bolder' }),
          ...(details ? [textBlock(details, { isSubtle: true, spacing: 'None', size: 'Small' })] : []),
        ],
      },
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'Center',
        items: [
          actionSet([
            bookButton(
              t(locale, 'card.action.book', { desk: plainText(desk.label, 40) }),
              desk.id,
              input.date,
              input.requestId,
            ),
          ]),
        ],
      },
    ],
  };
}

/** "Pick another": free desks that day, one Book button each, and the map for the rest. */
export function pickDeskCard(input: PickDeskCardInput, locale: Locale): AdaptiveCard {
  const { shown, hidden } = capped(input.desks, MAX_PICK_DESKS);
  const actions: CardAction[] = [];
  const map = openUrlAction(t(locale, 'card.action.openMap'), input.mapUrl);
  if (map) actions.push(map);
  const date = dayText(input.date, locale);
  if (shown.length === 0) {
    return adaptiveCard(
      [heading(t(locale, 'card.pick.title', { date })), textBlock(t(locale, 'card.pick.empty', { date }))],
      actions,
    );
  }
  return adaptiveCard(
    [
      heading(t(locale, 'card.pick.title', { date })),
      textBlock(t(locale, 'card.pick.intro'), { spacing: 'Small' }),
      ...shown.map((desk) => deskRow(desk, input, locale)),
      ...(hidden > 0
        ? [
            textBlock(translate(locale, pluralKey(locale, 'card.pick.more', hidden), { count: hidden }), {
              isSubtle: true,
            }),
          ]
        : []),
    ],
    actions,
  );
}
