/**
 * Structural checks of the cards, standing in for the Adaptive Card schema (the `adaptivecards` package is not a
 * dependency): the element and action types Seatwise uses, their required and allowed properties, and the
 * button rules (Action.Execute with an Action.Submit fallback carrying the same verb and data).
 */
import { parseActionData } from '../../../src/bot/cards/verbs';

type Json = Record<string, unknown>;

const COMMON = ['type', 'id', 'spacing', 'separator', 'isVisible', 'height', 'fallback', 'requires'];
const ELEMENT_KEYS: Record<string, string[]> = {
  TextBlock: [
    ...COMMON,
    'text',
    'wrap',
    'size',
    'weight',
    'isSubtle',
    'color',
    'maxLines',
    'horizontalAlignment',
    'fontType',
    'style',
  ],
  FactSet: [...COMMON, 'facts'],
  ActionSet: [...COMMON, 'actions'],
  ColumnSet: [...COMMON, 'columns', 'selectAction', 'style', 'bleed', 'minHeight', 'horizontalAlignment'],
  Container: [
    ...COMMON,
    'items',
    'selectAction',
    'style',
    'verticalContentAlignment',
    'bleed',
    'minHeight',
    'rtl',
  ],
};
const COLUMN_KEYS = [
  ...COMMON,
  'items',
  'width',
  'verticalContentAlignment',
  'selectAction',
  'style',
  'minHeight',
  'bleed',
  'rtl',
];
const ACTION_KEYS: Record<string, string[]> = {
  'Action.Execute': [
    'type',
    'id',
    'title',
    'iconUrl',
    'style',
    'fallback',
    'tooltip',
    'isEnabled',
    'mode',
    'requires',
    'verb',
    'data',
    'associatedInputs',
  ],
  'Action.Submit': [
    'type',
    'id',
    'title',
    'iconUrl',
    'style',
    'fallback',
    'tooltip',
    'isEnabled',
    'mode',
    'requires',
    'data',
    'associatedInputs',
  ],
  'Action.OpenUrl': [
    'type',
    'id',
    'title',
    'iconUrl',
    'style',
    'fallback',
    'tooltip',
    'isEnabled',
    'mode',
    'requires',
    'url',
  ],
};
const ENUMS: Record<string, string[]> = {
  size: ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'],
  weight: ['Default', 'Lighter', 'Bolder'],
  color: ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'],
  spacing: ['Default', 'None', 'Small', 'Medium', 'Large', 'ExtraLarge', 'Padding'],
  style: ['default', 'positive', 'destructive'],
  verticalContentAlignment: ['Top', 'Center', 'Bottom'],
};

export interface CardSummary {
  /** Every text a person reads: TextBlocks, facts and button titles. */
  readonly texts: string[];
  /** Every button and link, wherever it sits. */
  readonly actions: Json[];
}

function fail(path: string, message: string): never {
  throw new Error(`${path}: ${message}`);
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(o: Json, allowed: string[], path: string): void {
  for (const key of Object.keys(o)) if (!allowed.includes(key)) fail(path, `unexpected property "${key}"`);
  for (const [key, values] of Object.entries(ENUMS)) {
    if (
      key in o &&
      !(key === 'style' && !String(o.type).startsWith('Action.')) &&
      !values.includes(String(o[key]))
    ) {
      fail(path, `${key} "${String(o[key])}" is not one of ${values.join(', ')}`);
    }
  }
}

function nonEmptyString(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim().length === 0) fail(path, 'expected a non-empty string');
  return v;
}

function checkAction(a: unknown, path: string, out: CardSummary): void {
  if (!isObject(a)) fail(path, 'an action must be an object');
  const type = String(a.type);
  if (!(type in ACTION_KEYS) || type === 'Action.Submit')
    fail(path, `action type ${type} is not allowed here`);
  checkKeys(a, ACTION_KEYS[type]!, path);
  out.texts.push(nonEmptyString(a.title, `${path}.title`));
  out.actions.push(a);
  if (type === 'Action.OpenUrl') {
    const url = nonEmptyString(a.url, `${path}.url`);
    if (!/^https:\/\//.test(url)) fail(path, `OpenUrl must be https: ${url}`);
    return;
  }
  // Action.Execute
  const verb = nonEmptyString(a.verb, `${path}.verb`);
  if (!isObject(a.data)) fail(path, 'Execute needs data');
  if (a.data.verb !== verb) fail(path, 'data.verb must equal verb');
  const parsed = parseActionData(a.data);
  if (parsed === null) fail(path, `data does not validate: ${JSON.stringify(a.data)}`);
  expectEqual(parsed, a.data, `${path}.data (as parsed)`);
  const fb = a.fallback;
  if (!isObject(fb) || fb.type !== 'Action.Submit') fail(path, 'Execute needs an Action.Submit fallback');
  checkKeys(fb, ACTION_KEYS['Action.Submit']!, `${path}.fallback`);
  if (fb.title !== a.title) fail(path, 'the fallback must have the same title');
  if (fb.style !== a.style) fail(path, 'the fallback must have the same style');
  expectEqual(fb.data, a.data, `${path}.fallback.data`);
  if (fb.data === a.data) fail(path, 'the fallback must not share the data object');
}

function expectEqual(a: unknown, b: unknown, path: string): void {
  if (JSON.stringify(sortKeys(a)) !== JSON.stringify(sortKeys(b))) {
    fail(path, `${JSON.stringify(a)} differs from ${JSON.stringify(b)}`);
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys(v[k])]),
  );
}

function checkElements(items: unknown, path: string, out: CardSummary, nonEmpty = true): void {
  if (!Array.isArray(items)) fail(path, 'expected an array of elements');
  if (nonEmpty && items.length === 0) fail(path, 'expected at least one element');
  items.forEach((el, i) => checkElement(el, `${path}[${i}]`, out));
}

function checkElement(el: unknown, path: string, out: CardSummary): void {
  if (!isObject(el)) fail(path, 'an element must be an object');
  const type = String(el.type);
  if (!(type in ELEMENT_KEYS)) fail(path, `element type ${type} is not allowed`);
  checkKeys(el, ELEMENT_KEYS[type]!, path);
  switch (type) {
    case 'TextBlock':
      out.texts.push(nonEmptyString(el.text, `${path}.text`));
      if (el.wrap !== true) fail(path, 'TextBlocks wrap');
      break;
    case 'FactSet':
      if (!Array.isArray(el.facts) || el.facts.length === 0) fail(path, 'a FactSet needs facts');
      el.facts.forEach((f: unknown, i: number) => {
        if (!isObject(f)) fail(`${path}.facts[${i}]`, 'a fact is an object');
        checkKeys(f, ['title', 'value'], `${path}.facts[${i}]`);
        out.texts.push(nonEmptyString(f.title, `${path}.facts[${i}].title`));
        out.texts.push(nonEmptyString(f.value, `${path}.facts[${i}].value`));
      });
      break;
    case 'ActionSet':
      if (!Array.isArray(el.actions) || el.actions.length === 0 || el.actions.length > 6) {
        fail(path, 'an ActionSet holds 1 to 6 actions');
      }
      el.actions.forEach((a: unknown, i: number) => checkAction(a, `${path}.actions[${i}]`, out));
      break;
    case 'ColumnSet':
      if (!Array.isArray(el.columns) || el.columns.length === 0) fail(path, 'a ColumnSet needs columns');
      el.columns.forEach((c: unknown, i: number) => {
        const p = `${path}.columns[${i}]`;
        if (!isObject(c) || c.type !== 'Column') fail(p, 'expected a Column');
        checkKeys(c, COLUMN_KEYS, p);
        checkElements(c.items, `${p}.items`, out);
      });
      break;
    case 'Container':
      checkElements(el.items, `${path}.items`, out);
      break;
  }
}

/** Throws, naming the path, when `card` breaks a rule; returns its texts and actions. */
export function checkCard(card: unknown): CardSummary {
  const out: CardSummary = { texts: [], actions: [] };
  if (!isObject(card)) fail('card', 'must be an object');
  checkKeys(
    card,
    ['type', '$schema', 'version', 'body', 'actions', 'msteams', 'refresh', 'fallbackText', 'speak', 'lang'],
    'card',
  );
  if (card.type !== 'AdaptiveCard') fail('card', 'type must be AdaptiveCard');
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') fail('card', 'wrong $schema');
  if (card.version !== '1.5') fail('card', 'version must be 1.5');
  checkElements(card.body, 'body', out);
  if (!Array.isArray(card.actions)) fail('card', 'actions must be an array');
  if (card.actions.length > 6) fail('card', 'Teams shows at most 6 top-level actions');
  card.actions.forEach((a: unknown, i: number) => checkAction(a, `actions[${i}]`, out));
  // A round trip through JSON changes nothing: no undefined, functions, NaN or shared state.
  if (JSON.stringify(JSON.parse(JSON.stringify(card))) !== JSON.stringify(card))
    fail('card', 'not plain JSON');
  return out;
}

/** Serialized size in UTF-8 bytes and in UTF-16 units (Teams counts the latter); the larger of the two. */
export function cardSize(card: unknown): number {
  const json = JSON.stringify(card);
  return Math.max(Buffer.byteLength(json, 'utf8'), json.length);
}

/** Every string anywhere in the card, keys included. */
export function allStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => allStrings(x, out));
  else if (isObject(v))
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      allStrings(x, out);
    }
  return out;
}
