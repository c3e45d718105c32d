/**
 * A tiny catalogue lookup. The extension's own `_locales` cannot switch language at run time,
 * and the options page lets the agent choose one, so UI text comes from these catalogues instead.
 */
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '@/domain/languages';
import { en, type MessageKey, type Messages } from '@/locales/en';

/** English is always there; the others load the first time they are wanted, outside the popup's first script. */
const CATALOGUES: Partial<Record<Language, Messages>> = { en };

/**
 * How each language of domain/languages.ts but English loads its catalogue, a chunk of its own. (An import by a
 * template path would spare this line, but would put English among the chunks it may load and add a helper to the
 * popup's first script.)
 */
const LOAD: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  ru: () => import('@/locales/ru').then((m) => m.ru),
};

export async function loadCatalogue(language: Language): Promise<Messages> {
  return language === 'en' ? en : LOAD[language]();
}

let current: Language = DEFAULT_LANGUAGE;
/** The language last asked for: a slower catalogue load never overrides a later choice. */
let wanted: Language = DEFAULT_LANGUAGE;

export function resolveLanguage(preference: string | null | undefined, browserLanguage: string): Language {
  const wanted = (preference && preference !== 'auto' ? preference : browserLanguage).slice(0, 2).toLowerCase();
  return LANGUAGES.find((l) => l.code === wanted)?.code ?? DEFAULT_LANGUAGE;
}

/** Makes `language` the UI's, once its catalogue is loaded; with the catalogue already there, before it returns. */
export async function setLanguage(language: Language): Promise<void> {
  wanted = language;
  CATALOGUES[language] ??= await loadCatalogue(language);
  if (wanted !== language) return;
  current = language;
  // The background has no document; it uses the catalogue for its menu titles.
  if (globalThis.document) document.documentElement.lang = language;
}

export function getLanguage(): Language {
  return current;
}

type Params = Record<string, string | number>;

function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function t(key: MessageKey, params?: Params): string {
  const entry = (CATALOGUES[current] ?? (en as Messages))[key];
  if (typeof entry === 'string') return fill(entry, params);
  const count = Number(params?.count ?? 0);
  const form = new Intl.PluralRules(current).select(count);
  return fill(entry[form] ?? entry.other, { ...params, count: formatNumber(count) });
}

/** Text a model decides on: a catalogue key (translated when shown, in the language of that moment) or finished text. */
export type Notice = { key: MessageKey } | { text: string };

export function noticeText(notice: Notice): string {
  return 'key' in notice ? t(notice.key) : notice.text;
}

/** A date and time, as the agent's language writes it. */
export function formatDateTime(value: string | number | Date): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current).format(value);
}

/** A country's name from its ISO 3166-1 alpha-2 code ("RU" → "Russia" / "Россия"); the code itself when unknown. */
export function countryName(code: string): string {
  return new Intl.DisplayNames(current, { type: 'region', fallback: 'code' }).of(code.toUpperCase()) ?? code;
}
