/**
 * Per-country address rules. Countries not listed here get only the generic checks.
 * Patterns follow the national postal formats (upper-case, trimmed input).
 */
export const POSTAL_CODE_PATTERNS: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/,
  GB: /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  RU: /^\d{6}$/,
  IN: /^[1-9]\d{5}$/,
  JP: /^\d{3}-\d{4}$/,
  AU: /^\d{4}$/,
};

export const POSTAL_CODE_EXAMPLES: Record<string, string> = {
  US: '98052',
  CA: 'K1A 0B1',
  GB: 'SW1A 1AA',
  DE: '10115',
  FR: '75001',
  RU: '101000',
  IN: '110001',
  JP: '100-0001',
  AU: '2000',
};

/** Countries where Partner Center requires a registration number and a phone number. */
export const REGISTRATION_COUNTRIES = new Set(['AM', 'AZ', 'BY', 'HU', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'UZ', 'UA']);

export const STATES: Record<string, readonly string[]> = {
  US: [
    'AL',
    'AK',
    'AZ',
    'AR',
    'CA',
    'CO',
    'CT',
    'DE',
    'DC',
    'FL',
    'GA',
    'HI',
    'ID',
    'IL',
    'IN',
    'IA',
    'KS',
    'KY',
    'LA',
    'ME',
    'MD',
    'MA',
    'MI',
    'MN',
    'MS',
    'MO',
    'MT',
    'NE',
    'NV',
    'NH',
    'NJ',
    'NM',
    'NY',
    'NC',
    'ND',
    'OH',
    'OK',
    'OR',
    'PA',
    'RI',
    'SC',
    'SD',
    'TN',
    'TX',
    'UT',
    'VT',
    'VA',
    'WA',
    'WV',
    'WI',
    'WY',
    'PR',
  ],
  CA: ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'],
  MX: [
    'AG',
    'BC',
    'BS',
    'CM',
    'CS',
    'CH',
    'CX',
    'CO',
    'CL',
    'DG',
    'GT',
    'GR',
    'HG',
    'JA',
    'EM',
    'MI',
    'MO',
    'NA',
    'NL',
    'OA',
    'PU',
    'QT',
    'QR',
    'SL',
    'SI',
    'SO',
    'TB',
    'TM',
    'TL',
    'VE',
    'YU',
    'ZA',
  ],
};

export function requiresRegistration(country: string): boolean {
  return REGISTRATION_COUNTRIES.has(country.toUpperCase());
}

/** International dialling codes of the countries the seed uses, so phone numbers look real. */
export const DIAL_CODES: Record<string, string> = {
  US: '1',
  CA: '1',
  GB: '44',
  DE: '49',
  FR: '33',
  RU: '7',
  IN: '91',
  JP: '81',
  AU: '61',
};

/** Where a postal code's canonical form puts a separator: `[position from the end, character]`. */
const POSTAL_CODE_SEPARATORS: Record<string, [number, string]> = { GB: [3, ' '], CA: [3, ' '], JP: [4, '-'] };

/**
 * The canonical spelling of a postal code (upper case, the country's own separator), e.g. GB `sw1a1aa` → `SW1A 1AA`,
 * JP `1000001` → `100-0001`. Used by the address validation to suggest a fix.
 */
function canonicalPostalCode(country: string, postalCode: string): string {
  const compact = postalCode.toUpperCase().replace(/[\s-]+/g, '');
  const separator = POSTAL_CODE_SEPARATORS[country.toUpperCase()];
  if (separator && compact.length > separator[0]) {
    return `${compact.slice(0, -separator[0])}${separator[1]}${compact.slice(-separator[0])}`;
  }
  if (country.toUpperCase() === 'US' && compact.length === 9) return `${compact.slice(0, 5)}-${compact.slice(5)}`;
  return POSTAL_CODE_PATTERNS[country.toUpperCase()] ? compact : postalCode.trim();
}

/** An address spelled the canonical way: text trimmed, country and state upper-cased, postal code canonical. */
export function canonicalAddress<T extends Record<string, unknown>>(address: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(address))
    result[key] = typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value;
  const country = typeof result.country === 'string' ? result.country.toUpperCase() : undefined;
  if (country !== undefined) result.country = country;
  if (typeof result.state === 'string') result.state = result.state.toUpperCase();
  if (country && typeof result.postalCode === 'string')
    result.postalCode = canonicalPostalCode(country, result.postalCode);
  return result as T;
}
