/**
 * Outside Teams (development only): says so, and lets the developer choose who they are (sent as x-dev-user),
 * the theme and the language that Teams would otherwise give.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { LOCALES, t, type Locale } from '../i18n/messages';
import type { ThemeName } from './host';
import { useLocale } from './locale';

export interface DevIdentity {
  readonly userId: string;
  readonly name: string;
  /** App roles to claim, comma-separated (sent as x-dev-roles): admin, reports, tracer. */
  readonly roles: string;
}

const USER_KEY = 'seatwise.devUser';
const NAME_KEY = 'seatwise.devName';
const ROLES_KEY = 'seatwise.devRoles';
const ROLES = /^[a-z, ]{0,60}$/;
export const DEFAULT_DEV_USER = 'dev-user';
/** The same rule as the server's x-dev-user check. */
const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function loadDevIdentity(): DevIdentity {
  const stored = safeGet(USER_KEY);
  const roles = safeGet(ROLES_KEY) ?? '';
  return { userId: stored && USER_ID.test(stored) ? stored : DEFAULT_DEV_USER, name: safeGet(NAME_KEY) ?? '', roles: ROLES.test(roles) ? roles : '' };
}

function saveDevIdentity(identity: DevIdentity): void {
  try {
    localStorage.setItem(USER_KEY, identity.userId);
    localStorage.setItem(NAME_KEY, identity.name);
    localStorage.setItem(ROLES_KEY, identity.roles);
  } catch {
    // Storage may be off (private mode, a sandboxed frame): the identity then lasts for this page only.
  }
}

function safeGet(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Header values must be Latin-1; other characters of a display name are dropped rather than failing the call. */
export function devHeaders(identity: DevIdentity): Record<string, string> {
  const name = identity.name.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '').trim();
  const roles = identity.roles.replace(/\s+/g, '');
  return { 'x-dev-user': identity.userId, ...(name && { 'x-dev-name': name }), ...(roles && { 'x-dev-roles': roles }) };
}

export interface DevPanelProps {
  readonly identity: DevIdentity;
  readonly onIdentity: (identity: DevIdentity) => void;
  readonly theme: ThemeName;
  readonly onTheme: (theme: ThemeName) => void;
  readonly onLocale: (locale: Locale) => void;
  readonly why: string;
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', nl: 'Nederlands', de: 'Deutsch' };

export function DevPanel({ identity, onIdentity, theme, onTheme, onLocale, why }: DevPanelProps) {
  const locale = useLocale();
  const [userId, setUserId] = useState(identity.userId);
  const [name, setName] = useState(identity.name);
  const [roles, setRoles] = useState(identity.roles);
  const valid = USER_ID.test(userId.trim()) && ROLES.test(roles);
  const apply = (): void => {
    if (!valid) return;
    const next = { userId: userId.trim(), name: name.trim(), roles: roles.trim() };
    saveDevIdentity(next);
    onIdentity(next);
  };
  return (
    <section className="dev-panel" aria-label={t(locale, 'tab.dev.identity')} data-testid="dev-panel">
      <MessageBar intent="info" className="dev-banner">
        <MessageBarBody title={why}>{t(locale, 'tab.dev.banner')}</MessageBarBody>
      </MessageBar>
      <form
        className="dev-form"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Field label={t(locale, 'tab.dev.userId')} validationMessage={valid ? undefined : t(locale, 'tab.dev.invalidUser')} validationState={valid ? 'none' : 'error'}>
          <Input value={userId} onChange={(_e, d) => setUserId(d.value)} name="dev-user" autoComplete="off" />
        </Field>
        <Field label={t(locale, 'tab.dev.userName')}>
          <Input value={name} onChange={(_e, d) => setName(d.value)} name="dev-name" autoComplete="off" />
        </Field>
        <Field label={t(locale, 'tab.dev.roles')} hint={t(locale, 'tab.dev.rolesHint')}>
          <Input value={roles} onChange={(_e, d) => setRoles(d.value.toLowerCase())} name="dev-roles" autoComplete="off" />
        </Field>
        <Button type="submit" disabled={!valid}>
          {t(locale, 'tab.dev.apply')}
        </Button>
        <Field label={t(locale, 'tab.theme')}>
          <Select value={theme} onChange={(_e, d) => onTheme(d.value as ThemeName)} name="theme">
            <option value="default">{t(locale, 'tab.theme.default')}</option>
            <option value="dark">{t(locale, 'tab.theme.dark')}</option>
            <option value="contrast">{t(locale, 'tab.theme.contrast')}</option>
          </Select>
        </Field>
        <Field label={t(locale, 'tab.language')}>
          <Select value={locale} onChange={(_e, d) => onLocale(d.value as Locale)} name="language">
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </Select>
        </Field>
      </form>
      <p className="dev-current" data-testid="dev-current">
        {t(locale, 'tab.dev.current', { user: `${identity.name ? `${identity.name} (${identity.userId})` : identity.userId}${identity.roles ? ` · ${identity.roles}` : ''}` })}
      </p>
    </section>
  );
}
