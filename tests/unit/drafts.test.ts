import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { discardDraft, loadDraft, saveDraft } from '@/services/drafts';

beforeEach(() => fakeBrowser.reset());

test('a draft is kept per customer and form until discarded', async () => {
  const draft = { values: { email: 'new@x.com' }, base: { email: 'old@x.com' }, etag: '"1"' };
  await saveDraft('c1', 'billing', draft);
  expect(await loadDraft('c1', 'billing')).toMatchObject(draft);
  expect((await loadDraft('c1', 'billing'))?.savedAt).toBeTypeOf('number');
  expect(await loadDraft('c1', 'company')).toBeNull();
  expect(await loadDraft('c2', 'billing')).toBeNull();
  await discardDraft('c1', 'billing');
  expect(await loadDraft('c1', 'billing')).toBeNull();
});
