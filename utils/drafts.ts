/**
 * Unsent form edits, kept in extension storage per customer and form as the agent types,
 * so closing the popup or moving to the side panel never loses them.
 */
import { storage } from 'wxt/utils/storage';
import type { FormKind } from '@/domain/resources';
import type { FormValues } from './form-model';

export interface Draft {
  /** What the agent has typed. */
  values: FormValues;
  /** The values the edit started from, and their ETag: what a conflict is judged against. */
  base: FormValues;
  etag: string;
  savedAt: number;
}

const key = (customerId: string, form: FormKind) => `local:draft:${customerId}:${form}` as const;

export function loadDraft(customerId: string, form: FormKind): Promise<Draft | null> {
  return storage.getItem<Draft>(key(customerId, form));
}

export function saveDraft(customerId: string, form: FormKind, draft: Omit<Draft, 'savedAt'>): Promise<void> {
  return storage.setItem<Draft>(key(customerId, form), { ...draft, savedAt: Date.now() });
}

export function discardDraft(customerId: string, form: FormKind): Promise<void> {
  return storage.removeItem(key(customerId, form));
}
