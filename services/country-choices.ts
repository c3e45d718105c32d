import { POSTAL_CODE_EXAMPLES, REGISTRATION_COUNTRIES, STATES } from '@/domain/countries';
import { countryName, getLanguage } from './i18n';

/** Countries with rules in the domain, plus the customer's own when it has none, named in the UI language. */
export function countryChoices(current: string): { value: string; label: string }[] {
  const codes = new Set([...Object.keys(POSTAL_CODE_EXAMPLES), ...REGISTRATION_COUNTRIES, ...Object.keys(STATES)]);
  if (current) codes.add(current);
  return [...codes]
    .map((code) => ({ value: code, label: countryName(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, getLanguage()));
}
