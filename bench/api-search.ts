/** `GET /customers?q=` latency over a list of queries, as the popup asks it (first page, the UI's page size). */
import { DEFAULT_PAGE_SIZE } from '@/domain/search';
import type { HttpClient } from './http-client';

export interface SearchRun {
  /** Milliseconds per answered query, in query order. */
  ms: Map<string, number>;
  /** Company names of each query's first page, in order: what the popup must end up showing. */
  firstPages: Map<string, string[]>;
  failures: number;
}

export const searchPath = (query: string) =>
  `/customers?${new URLSearchParams({ q: query, _page: '1', _limit: String(DEFAULT_PAGE_SIZE) })}`;

export async function measureApiSearch(
  client: HttpClient,
  queries: readonly string[],
  warmUp: readonly string[] = [],
): Promise<SearchRun> {
  for (const query of warmUp) await client.request('GET', searchPath(query));
  const run: SearchRun = { ms: new Map(), firstPages: new Map(), failures: 0 };
  for (const query of queries) {
    const res = await client.request('GET', searchPath(query));
    if (res.status !== 200) {
      run.failures++;
      continue;
    }
    run.ms.set(query, res.ms);
    const page = JSON.parse(res.body) as { companyProfile: { companyName: string } }[];
    run.firstPages.set(
      query,
      page.map((c) => c.companyProfile.companyName),
    );
  }
  return run;
}
