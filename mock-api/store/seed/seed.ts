/**
 * Deterministic, realistic customers: the same `seedValue` always gives the same data.
 * Each country gets names in its own language (Russian customers in Cyrillic) and an address
 * that passes that country's rules in `domain/countries.ts`.
 */
import { de, en, en_AU, en_CA, en_GB, en_IN, en_US, Faker, fr, ja, type LocaleDefinition, ru } from '@faker-js/faker';
import { DIAL_CODES, STATES } from '@/domain/countries';
import { seededIndirectReseller } from '@/domain/indirect-resellers';
import type { Customer } from '@/domain/schemas';

interface CountrySeed {
  country: string;
  locale: LocaleDefinition;
  culture: string;
  language: string;
  postalCode: (f: Faker) => string;
  weight: number;
}

/** n random digits, leading zeros kept, from one draw (faker's string.numeric draws once per digit). */
const digits = (f: Faker, n: number) => String(f.number.int(10 ** n - 1)).padStart(n, '0');
const pick = <T>(f: Faker, list: readonly T[]) => f.helpers.arrayElement(list);

const COUNTRIES: CountrySeed[] = [
  { country: 'US', locale: en_US, culture: 'en-US', language: 'en', weight: 25, postalCode: (f) => digits(f, 5) },
  { country: 'RU', locale: ru, culture: 'ru-RU', language: 'ru', weight: 20, postalCode: (f) => `1${digits(f, 5)}` },
  {
    country: 'GB',
    locale: en_GB,
    culture: 'en-GB',
    language: 'en',
    weight: 10,
    postalCode: (f) =>
      `${pick(f, ['SW1A', 'EC1A', 'M1', 'B33', 'CR2', 'LS1', 'G2'])} ${f.number.int(9)}${pick(f, ['AA', 'BD', 'HJ', 'NX', 'UZ'])}`,
  },
  { country: 'DE', locale: de, culture: 'de-DE', language: 'de', weight: 10, postalCode: (f) => digits(f, 5) },
  { country: 'FR', locale: fr, culture: 'fr-FR', language: 'fr', weight: 8, postalCode: (f) => digits(f, 5) },
  {
    country: 'CA',
    locale: en_CA,
    culture: 'en-CA',
    language: 'en',
    weight: 8,
    postalCode: (f) =>
      `${pick(f, ['K', 'M', 'H', 'T', 'V'])}${f.number.int(9)}${pick(f, ['A', 'B', 'C', 'E'])} ${f.number.int(9)}${pick(f, ['A', 'J', 'R'])}${f.number.int(9)}`,
  },
  {
    country: 'IN',
    locale: en_IN,
    culture: 'en-IN',
    language: 'en',
    weight: 7,
    postalCode: (f) => `${f.number.int({ min: 1, max: 9 })}${digits(f, 5)}`,
  },
  {
    country: 'JP',
    locale: ja,
    culture: 'ja-JP',
    language: 'ja',
    weight: 6,
    postalCode: (f) => `${digits(f, 3)}-${digits(f, 4)}`,
  },
  { country: 'AU', locale: en_AU, culture: 'en-AU', language: 'en', weight: 6, postalCode: (f) => digits(f, 4) },
];

/** National significant number lengths, so `+44 20 7946 0958`-like numbers have the right shape. */
const PHONE_DIGITS: Record<string, number> = { US: 10, CA: 10, GB: 10, DE: 10, FR: 9, RU: 10, IN: 10, JP: 10, AU: 9 };

function phoneFor(f: Faker, country: string): string {
  const national = `${f.number.int({ min: 2, max: 9 })}${digits(f, PHONE_DIGITS[country] - 1)}`;
  return `+${DIAL_CODES[country]} ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
}

/** A plausible ASCII mailbox (`kaylee.smith`); the domain (which holds the index) keeps addresses unique. */
function mailbox(f: Faker): string {
  const name = f.internet
    .username()
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.|\.$/g, '');
  return name || 'contact';
}

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/** mulberry32: the next state and a 32-bit number from it. */
function mulberry32(state: number): [state: number, value: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(next ^ (next >>> 15), next | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [next, (t ^ (t >>> 14)) >>> 0];
}

/**
 * A version-4 uuid from one of the faker's numbers, stretched by mulberry32 (a tiny PRNG): faker's own
 * `string.uuid()` draws a number per hex digit, and each draw costs microseconds, which made a sixth of seeding.
 */
function uuid(f: Faker): string {
  let state = f.number.int(0xffffffff);
  const words: number[] = [];
  for (let k = 0; k < 4; k++) {
    const [next, value] = mulberry32(state);
    state = next;
    words.push(value);
  }
  const [a, b, c, d] = words;
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-${hex(0x8000 | ((c >>> 16) & 0x3fff), 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;
}

const ASCII_DOMAIN = /[^a-z0-9]+/g;

function domainFor(f: Faker, companyName: string, index: number): string {
  const slug = f.helpers.slugify(companyName).toLowerCase().replace(ASCII_DOMAIN, '').slice(0, 20);
  // Non-Latin names slugify to nothing: fall back to a word, and the index keeps domains unique.
  return `${slug || f.lorem.word().replace(ASCII_DOMAIN, '') || 'tenant'}${index}.onmicrosoft.com`;
}

/** Customers are made in blocks of this many, each from its own seeds: any range can be made alone (in parallel). */
const SEED_BLOCK = 1000;

let fakers: Map<string, Faker> | undefined;
const chooser = new Faker({ locale: en });
const weighted = COUNTRIES.map((c) => ({ value: c, weight: c.weight }));
const epoch = Date.UTC(2024, 0, 1);

/** The first `count` customers for `seedValue`. */
export function seedCustomers(count: number, seedValue = 1): Customer[] {
  return seedRange(0, count, seedValue);
}

/** Customers [from, to) for `seedValue`: the same customers whether made alone or as part of a longer list. */
export function seedRange(from: number, to: number, seedValue = 1): Customer[] {
  fakers ??= new Map(COUNTRIES.map((c) => [c.country, new Faker({ locale: [c.locale, en] })]));
  const customers: Customer[] = [];
  for (let block = Math.floor(from / SEED_BLOCK); block * SEED_BLOCK < to; block++) {
    chooser.seed([seedValue, block]);
    for (const [i, f] of [...fakers.values()].entries()) f.seed([seedValue, block, i]);
    const end = Math.min(to, (block + 1) * SEED_BLOCK);
    for (let index = block * SEED_BLOCK; index < end; index++) {
      const customer = seedOne(index);
      if (index >= from) customers.push(customer);
    }
  }
  return customers;
}

function seedOne(index: number): Customer {
  const c = chooser.helpers.weightedArrayElement(weighted);
  const f = fakers!.get(c.country)!;
  const id = uuid(chooser);
  const companyName = f.company.name().slice(0, 255);
  const firstName = f.person.firstName().slice(0, 50);
  const lastName = f.person.lastName().slice(0, 50);
  const domain = domainFor(chooser, companyName, index);
  const updatedAt = new Date(epoch + chooser.number.int(600 * 86_400_000)).toISOString();
  const states = STATES[c.country];
  const permitted = chooser.number.float() < 0.2;
  const relationshipToPartner = chooser.helpers.weightedArrayElement([
    { value: 'reseller' as const, weight: 8 },
    { value: 'advisor' as const, weight: 1 },
    { value: 'none' as const, weight: 1 },
  ]);
  const indirectResellerId = seededIndirectReseller(index, relationshipToPartner);
  return {
    id,
    relationshipToPartner,
    ...(indirectResellerId ? { indirectResellerId } : {}),
    // Every third customer has verified a domain of its own (from the index: the random numbers stay as they were).
    customDomains: index % 3 === 0 ? [domain.replace('.onmicrosoft.com', '.com')] : [],
    updatedAt,
    companyProfile: {
      tenantId: id,
      domain,
      companyName,
      etag: `"c-${index}-1"`,
      ...(c.country === 'RU' ? { organizationRegistrationNumber: digits(f, 13) } : {}),
    },
    billingProfile: {
      id: uuid(chooser),
      etag: `"b-${index}-1"`,
      firstName,
      lastName,
      email: `${mailbox(chooser)}@${domain}`,
      culture: c.culture,
      language: c.language,
      companyName,
      defaultAddress: {
        country: c.country,
        city: f.location.city().slice(0, 100),
        ...(states ? { state: pick(f, states) } : {}),
        addressLine1: f.location.streetAddress().slice(0, 200),
        postalCode: c.postalCode(f),
        firstName,
        lastName,
        phoneNumber: phoneFor(f, c.country),
      },
    },
    purchasePermission: {
      etag: `"p-${index}-1"`,
      azureReservations: permitted,
      azureSavingsPlans: permitted && chooser.number.float() < 0.5,
    },
  };
}
