/**
 * JSON Merge Patch (RFC 7396), used by the API for PATCH and available to the UI.
 * Pure functions on plain JSON: nothing here mutates its arguments.
 */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7396 §2: objects merge key by key, `null` removes a key, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Changes by dotted path (`defaultAddress.city`): what an audit entry records. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

/** Leaf-level differences as dotted paths (`defaultAddress.city`), for audit entries and conflict views. */
export function changesBetween(before: unknown, after: unknown, prefix = ''): Changes {
  if (isJsonObject(before) && isJsonObject(after)) {
    const changes: Changes = {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      Object.assign(changes, changesBetween(before[key], after[key], prefix ? `${prefix}.${key}` : key));
    }
    return changes;
  }
  return JSON.stringify(before) === JSON.stringify(after)
    ? {}
    : { [prefix]: { before: before ?? null, after: after ?? null } };
}
