import { pluralKey, t, translate, type Locale, type MessageKey } from '../i18n/messages';
import type { AuditEntry } from '../use-cases/audit-port';

/**
 * One audit entry as a sentence in the reader's language, from the facts it holds (`params`), so an entry written
 * by a French admin reads in Dutch for a Dutch one. Ids, numbers and rule values are the same in every language.
 */
export function auditSummary(entry: AuditEntry, locale: Locale): string {
  const p = entry.params ?? {};
  const text = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : '');
  const num = (key: string) => (typeof p[key] === 'number' ? (p[key] as number) : 0);
  const siteId = entry.siteId ?? '-';
  const cancelled = () => (entry.count !== undefined ? ` ${translate(locale, pluralKey(locale, 'audit.cancelled', entry.count), { count: entry.count })}` : '');
  switch (entry.action) {
    case 'catalog.publish': {
      const kinds = (['floors', 'zones', 'desks'] as const).flatMap((kind) => {
        const [a, r, c] = [num(`${kind}Added`), num(`${kind}Removed`), num(`${kind}Changed`)];
        if (a + r + c === 0) return [];
        return [`${t(locale, `audit.kind.${kind}`)} ${[a && `+${a}`, r && `−${r}`, c && `~${c}`].filter(Boolean).join(' ')}`];
      });
      if (num('policiesChanged') > 0) kinds.push(`${t(locale, 'audit.kind.policies')} ~${num('policiesChanged')}`);
      const changes = kinds.length > 0 ? kinds.join(', ') : t(locale, 'audit.catalog.publish.none');
      return t(locale, 'audit.catalog.publish', { siteId, changes }) + cancelled();
    }
    case 'policy.change': {
      const scope = p['scope'] === 'zone' ? t(locale, 'audit.scope.zone', { siteId, zoneId: text('zoneId') }) : t(locale, 'audit.scope.site', { siteId });
      const fields = text('fields').split(',').filter((f) => f !== '');
      const changes = fields.length === 0
        ? t(locale, 'audit.catalog.publish.none')
        : fields.map((f) => `${fieldLabel(f, locale)} ${text(`from.${f}`)} → ${text(`to.${f}`)}`).join(', ');
      return t(locale, 'audit.policy.change', { scope, effectiveFrom: text('effectiveFrom'), changes }) + cancelled();
    }
    case 'catalog.import':
      return t(locale, 'audit.catalog.import', { siteId }) + cancelled();
    case 'plan.publish':
      return t(locale, 'audit.plan.publish', { siteId }) + cancelled();
    case 'zone.restrict': {
      const zoneId = text('zoneId') || '-';
      const groups = text('groups');
      return (groups ? t(locale, 'audit.zone.restrict', { siteId, zoneId, groups }) : t(locale, 'audit.zone.open', { siteId, zoneId })) + cancelled();
    }
    case 'privacy.change':
      return t(locale, p['value'] === true ? 'audit.privacy.namesShown' : 'audit.privacy.namesHidden', { siteId });
    case 'tracing.run':
      return t(locale, 'audit.tracing.run', { subject: entry.subject ?? '-' }) + results(entry, locale);
    case 'person.erase':
      return t(locale, 'audit.person.erase', { subject: entry.subject ?? '-' }) + cancelled();
    case 'person.export':
      return t(locale, 'audit.person.export', { subject: entry.subject ?? '-' });
    case 'retention.purge':
      return t(locale, 'audit.retention.purge');
  }
}

function results(entry: AuditEntry, locale: Locale): string {
  return entry.count !== undefined ? ` ${translate(locale, pluralKey(locale, 'audit.results', entry.count), { count: entry.count })}` : '';
}

const RULE_LABELS = new Set(['zoneCapacity', 'minDistanceM', 'horizonDays', 'bookableWeekdays', 'weeklyQuota', 'reminderTime', 'checkInDeadline']);

function fieldLabel(field: string, locale: Locale): string {
  return RULE_LABELS.has(field) ? translate(locale, `audit.field.${field}` as MessageKey) : field;
}

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab or carriage
 * return, which some spreadsheets skip before reading a formula) is prefixed with an apostrophe, so that it is read
 * as text and never run as a formula (OWASP "CSV injection").
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
