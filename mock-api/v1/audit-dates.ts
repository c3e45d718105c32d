/**
 * `startDate`/`endDate` of `/v1/auditrecords` in the forms Partner Center's clients send: the page's example
 * (`6/1/2017 12:00:00 AM`, US month first, 12-hour clock), the .NET SDK's invariant culture (`06/01/2017 00:00:00`),
 * `yyyy-mm-dd` and ISO 8601 date-times. Each names a UTC day (a date-time without an offset is UTC); the answer is
 * that day's first millisecond.
 */
import { PcError } from './errors';

export const DAY = 86_400_000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?)?$/i;

/** Milliseconds of a UTC date and time, if every part is in range (no 31 April, no 13 PM). */
function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | undefined {
  const at = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(at);
  const same = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return same && h < 24 && mi < 60 && s < 60 ? at : undefined;
}

function parse(raw: string): number | undefined {
  const iso = ISO.exec(raw);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', offset] = iso;
    const at = utc(+y, +mo, +d, +h, +mi, +s);
    if (at === undefined || !offset || offset === 'Z') return at;
    const sign = offset[0] === '-' ? 1 : -1;
    return at + sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) * 60_000;
  }
  const us = US.exec(raw);
  if (!us) return undefined;
  const [, mo, d, y, h = '0', mi = '0', s = '0', half] = us;
  let hour = Number(h);
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
  }
  return utc(+y, +mo, +d, hour, +mi, +s);
}

/** The UTC day `raw` names, as its first millisecond; anything else is a 400 naming the forms taken. */
export function auditDay(name: string, raw: string): number {
  const at = parse(raw.trim());
  if (at === undefined)
    throw new PcError(
      'invalidInput',
      `${name} must be a date like 6/1/2017 12:00:00 AM, 06/01/2017 00:00:00, 2017-06-01 or 2017-06-01T00:00:00Z, not "${raw}".`,
    );
  return Math.floor(at / DAY) * DAY;
}
