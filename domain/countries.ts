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
  US: '98052', CA: 'K1A 0B1', GB: 'SW1A 1AA', DE: '10115', FR: '75001', RU: '101000', IN: '110001', JP: '100-0001', AU: '2000',
};

/** Countries where Partner Center requires a registration number and a phone number (design §2). */
export const REGISTRATION_COUNTRIES = new Set(['AM', 'AZ', 'BY', 'HU', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'UZ', 'UA']);

export const STATES: Record<string, readonly string[]> = {
  US: ['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'PR'],
  CA: ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'],
  MX: ['AG', 'BC', 'BS', 'CM', 'CS', 'CH', 'CX', 'CO', 'CL', 'DG', 'GT', 'GR', 'HG', 'JA', 'EM', 'MI', 'MO', 'NA', 'NL', 'OA', 'PU', 'QT', 'QR', 'SL', 'SI', 'SO', 'TB', 'TM', 'TL', 'VE', 'YU', 'ZA'],
};

export function requiresRegistration(country: string): boolean {
  return REGISTRATION_COUNTRIES.has(country.toUpperCase());
}
