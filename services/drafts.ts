/**
 * Unsent form edits, kept in extension storage per customer and form as the agent types,
 * so closing the popup or moving to the side panel never loses them.
 */
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import type { FormKind } from '@/domain/resources';
import type { FormValues } from '@/state/edit-session/form-model';

export interface Draft {
  /** What the agent has typed. */
  values: FormValues;
  /** The values the edit started from, and their ETag: what a conflict is judged against. */
  base: FormValues;
  etag: string;
  savedAt: number;
}

const items = new Map<string, WxtStorageItem<Draft | null, Record<string, never>>>();

/** The storage item of one customer's form, defined once (defining an item reads it). */
export function draftItem(customerId: string, form: FormKind) {
  const key = `local:draft:${customerId}:${form}` as const;
  let item = items.get(key);
  if (!item) {
    item = storage.defineItem<Draft | null>(key, { fallback: null });
    items.set(key, item);
  }
  return item;
}

export function loadDraft(customerId: string, form: FormKind): Promise<Draft | null> {
  return draftItem(customerId, form).getValue();
}

export function saveDraft(customerId: string, form: FormKind, draft: Omit<Draft, 'savedAt'>): Promise<void> {
  return draftItem(customerId, form).setValue({ ...draft, savedAt: Date.now() });
}

export function discardDraft(customerId: string, form: FormKind): Promise<void> {
  return draftItem(customerId, form).removeValue();
}
