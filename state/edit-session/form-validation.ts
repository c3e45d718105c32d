/**
 * Client-side checks with the very zod schemas the API uses, turned into translated messages per field.
 * Loaded lazily with the forms: zod stays out of the popup's first bundle.
 */
import type { core } from 'zod/mini';
import { RESOURCE_RULES, type ResourceRules } from '@/domain/resource-rules';
import type { FormKind, Resources } from '@/domain/resources';
import type { MessageKey } from '@/locales/en';
import { t } from '@/services/i18n';
import { applyValues, type FieldErrors, type FormValues } from './form-model';

/** Fields whose only format rule is a pattern: each has its own hint in the catalogue. */
const FORMAT_HINTS: Record<string, MessageKey> = {
  email: 'validation.email',
  country: 'validation.country',
  culture: 'validation.culture',
  language: 'validation.language',
  phoneNumber: 'validation.phone',
};

/** A zod issue in the agent's language: custom issues name their catalogue key in `params.key`. */
function issueMessage(issue: core.$ZodIssue, values: FormValues): string {
  const field = String(issue.path.at(-1) ?? '');
  switch (issue.code) {
    case 'custom': {
      const params = (issue.params ?? {}) as { key?: string; example?: string };
      const country = values['defaultAddress.country'] ?? values.country ?? '';
      const state = values['defaultAddress.state'] ?? '';
      return params.key
        ? t(`validation.${params.key}` as MessageKey, { country, state, example: params.example ?? '' })
        : issue.message;
    }
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? t('validation.required')
        : t('validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return t(FORMAT_HINTS[field] ?? 'validation.format');
    case 'invalid_type':
      return t('validation.required');
    case 'unrecognized_keys':
      return t('validation.unknownField');
    default:
      return issue.message;
  }
}

function fieldErrors(issues: readonly core.$ZodIssue[], values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.join('.');
    // The first problem of a field is the one to fix first.
    errors[path] ??= issueMessage(issue, values);
  }
  return errors;
}

/** The form's values checked by the resource's own rules (those the API applies), in the agent's language. */
export function validateResource<K extends FormKind>(
  kind: K,
  resource: Resources[K],
  values: FormValues,
  country: string,
): FieldErrors {
  const rules = RESOURCE_RULES[kind] as ResourceRules<K>;
  const edited = applyValues(resource, values);
  const result = rules.schema.safeParse(edited);
  const errors = result.success ? {} : fieldErrors(result.error.issues, values);
  for (const issue of rules.crossChecks(edited, country)) {
    errors[issue.path] ??= t(`validation.${issue.key}` as MessageKey, { country });
  }
  return errors;
}
