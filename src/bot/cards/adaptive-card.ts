/**
 * The small part of Adaptive Cards 1.5 that Seatwise's cards use, as plain objects, and the builders for it.
 *
 * Every button is an `Action.Execute` (Universal Actions: the card can be replaced in place) with an
 * `Action.Submit` fallback for clients that do not know it. Both carry the same data, verb included, because
 * teams-ai's `actionSubmit` routes on `data.verb`.
 */
import { type ActionData as BookingActionData } from './verbs';
import type { WaitlistActionData } from './waitlist-verbs';

/** What a button may carry: the booking verbs' data, or the waitlist's (kept in its own file). */
type ActionData = BookingActionData | WaitlistActionData;

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: ActionData;
  readonly style?: ActionStyle;
}

export interface ExecuteAction {
  readonly type: 'Action.Execute';
  readonly title: string;
  readonly verb: ActionData['verb'];
  readonly data: ActionData;
  readonly style?: ActionStyle;
  readonly fallback: SubmitAction;
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

export type CardAction = ExecuteAction | OpenUrlAction;
export type ActionStyle = 'positive' | 'destructive';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly size?: 'Small' | 'Medium' | 'Large';
  readonly weight?: 'Bolder';
  readonly isSubtle?: true;
  readonly color?: 'Good' | 'Attention' | 'Warning' | 'Accent';
  readonly spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  readonly separator?: true;
}

export interface Fact {
  readonly title: string;
  readonly value: string;
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly Fact[];
  readonly spacing?: 'None' | 'Small' | 'Medium';
}

export interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly CardAction[];
}

export interface Column {
  readonly type: 'Column';
  readonly width: 'auto' | 'stretch';
  readonly verticalContentAlignment?: 'Center';
  readonly items: readonly CardElement[];
}

export interface ColumnSet {
  readonly type: 'ColumnSet';
  readonly columns: readonly Column[];
  readonly spacing?: 'None' | 'Small' | 'Medium';
  readonly separator?: true;
}

export interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly spacing?: 'None' | 'Small' | 'Medium';
  readonly separator?: true;
}

export type CardElement = TextBlock | FactSet | ActionSet | ColumnSet | Container;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: typeof ADAPTIVE_CARD_SCHEMA;
  readonly version: '1.5';
  readonly body: readonly CardElement[];
  readonly actions: readonly CardAction[];
}

export function adaptiveCard(
  body: readonly CardElement[],
  actions: readonly CardAction[] = [],
): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: '1.5', body, actions };
}

type TextOptions = Omit<TextBlock, 'type' | 'text' | 'wrap'>;

/** `text` must already be safe Markdown: escape what people wrote before building it. */
export function textBlock(text: string, options: TextOptions = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function heading(text: string): TextBlock {
  return textBlock(text, { size: 'Medium', weight: 'Bolder' });
}

export function factSet(facts: readonly Fact[]): FactSet {
  return { type: 'FactSet', facts };
}

export function actionSet(actions: readonly CardAction[]): ActionSet {
  return { type: 'ActionSet', actions };
}

/**
 * A button that runs `data.verb`. The data is copied, so the Execute and the Submit fallback never share an
 * object that a caller could change afterwards.
 */
export function executeAction(title: string, data: ActionData, style?: ActionStyle): ExecuteAction {
  const styled = style === undefined ? {} : { style };
  return {
    type: 'Action.Execute',
    title,
    verb: data.verb,
    data: { ...data },
    ...styled,
    fallback: { type: 'Action.Submit', title, data: { ...data }, ...styled },
  };
}

const MAX_URL = 2048;

/**
 * A link button, only for an http(s) URL; anything else (javascript:, data:, a relative path) is dropped.
 * Plain http is accepted for localhost only, for local development.
 */
export function openUrlAction(title: string, url: string | undefined): OpenUrlAction | undefined {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) return undefined;
  return { type: 'Action.OpenUrl', title, url: parsed.href };
}
