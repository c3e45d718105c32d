/** One change of an audit entry in the agent's words: the field as the form names it, the values before and after. */
import { kindOfAction } from '@/domain/resources';
import type { AuditEntry } from '@/domain/schemas';
import { fieldLabel } from './field-labels';
import { countryName, t } from './i18n';

export interface ChangeLine {
  field: string;
  before: string;
  after: string;
}

function valueText(path: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('empty');
  if (typeof value === 'boolean') return t(value ? 'permission.on' : 'permission.off');
  if (path.endsWith('country') && typeof value === 'string') return countryName(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The entry's changes, field by field; a path no form names (a new field, another backend's) shows as it is. */
export function changeLines(entry: Pick<AuditEntry, 'action' | 'changes'>): ChangeLine[] {
  const kind = kindOfAction(entry.action);
  return Object.entries(entry.changes).map(([path, { before, after }]) => {
    const label = fieldLabel(kind, path);
    return { field: label ? t(label) : path, before: valueText(path, before), after: valueText(path, after) };
  });
}
