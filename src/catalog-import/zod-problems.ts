/** Turns zod's issues into sentences an admin can act on, each at its place in the file. */
import type { z } from 'zod';
import type { Problems, Seg, Where } from './problems';
import { KNOWN_FIELDS } from './schemas';
import { clip } from './text';

/** Reports a zod failure, each issue at its place. */
export function reportIssues(
  error: z.ZodError,
  value: unknown,
  whereOf: (path: readonly Seg[], key?: boolean) => Where,
  problems: Problems,
): void {
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.add(whereOf([...issue.path, key], true), unknownField(key));
      continue;
    }
    problems.add(whereOf(issue.path), describeIssue(issue, valueAt(value, issue.path)));
  }
}

export function describeIssue(issue: z.ZodIssue, actual: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return 'is required';
      return `must be ${withArticle(issue.expected)}, not ${describeValue(actual)}`;
    case 'invalid_union_discriminator':
      return `must be ${issue.options.map((o) => JSON.stringify(o)).join(' or ')}, not ${describeValue(actual)}`;
    case 'invalid_enum_value':
      return `must be ${issue.options.map((o) => JSON.stringify(o)).join(', ')}, not ${describeValue(actual)}`;
    case 'invalid_literal':
      return `must be ${JSON.stringify(issue.expected)}`;
    default:
      return issue.message;
  }
}

export function valueAt(value: unknown, path: readonly Seg[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg))
      return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

export function withArticle(expected: string): string {
  switch (expected) {
    case 'array':
      return 'a list [...]';
    case 'object':
      return 'an object {...}';
    case 'integer':
      return 'a whole number';
    default:
      return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
  }
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(clip(v))}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v === 'number' ? 'the number' : 'the value'} ${String(v)}`;
}

/** An unknown field, with the right spelling when only its case is wrong. */
export function unknownField(key: string): string {
  const hint = KNOWN_FIELDS.find((k) => k.toLowerCase() === key.toLowerCase() && k !== key);
  return `unknown field "${clip(key)}"${hint ? `; did you mean "${hint}"?` : ''}`;
}
