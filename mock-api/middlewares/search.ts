import type { RequestHandler } from 'express';
import type { Customer } from '@/domain/schemas';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, normalizeText } from '@/domain/search';

function haystack(c: Customer): string {
  const b = c.billingProfile;
  return normalizeText([c.companyProfile.companyName, c.companyProfile.domain, `${b.firstName} ${b.lastName}`, b.email, c.id].join('\n'));
}

/** `GET /customers?q=&_page=&_limit=`: plain substring search (never a RegExp from user text), company-name prefixes first. */
export function searchCustomers(getCustomers: () => Customer[]): RequestHandler {
  return (req, res) => {
    const q = normalizeText(String(req.query.q ?? ''));
    const page = Math.max(1, Number.parseInt(String(req.query._page ?? '1'), 10) || 1);
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(String(req.query._limit ?? DEFAULT_PAGE_SIZE), 10) || DEFAULT_PAGE_SIZE));
    const all = getCustomers();
    const hits = q ? all.filter((c) => haystack(c).includes(q)) : all;
    if (q) {
      const rank = (c: Customer) => (normalizeText(c.companyProfile.companyName).startsWith(q) ? 0 : 1);
      hits.sort((a, b) => rank(a) - rank(b));
    }
    res.setHeader('X-Total-Count', String(hits.length));
    res.json(hits.slice((page - 1) * limit, page * limit));
  };
}
