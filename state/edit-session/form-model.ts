/**
 * Forms edit a resource as flat text values keyed by dotted path ("defaultAddress.postalCode"),
 * the same paths the API uses in its 422 `fields`. These helpers move between the two shapes,
 * build the JSON Merge Patch of what the agent changed, and merge a colleague's newer values.
 */
export type FormValues = Record<string, string>;
export type FieldErrors = Record<string, string>;

type Json = Record<string, unknown>;

function get(resource: Json, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part] : undefined), resource);
}

function set(target: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop()!;
  let node = target;
  for (const part of parts) {
    if (!node[part] || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Json;
  }
  node[last] = value;
}

/** The resource's values at `paths`, as the text a form shows ('' for an absent field). */
export function toValues(resource: object, paths: readonly string[]): FormValues {
  return Object.fromEntries(paths.map((path) => [path, String(get(resource as Json, path) ?? '')]));
}

/** The fields whose text the agent changed (the audit's before/after is `changesBetween` in domain/merge-patch). */
export function editedPaths(values: FormValues, base: FormValues): string[] {
  return Object.keys(values).filter((path) => values[path].trim() !== (base[path] ?? '').trim());
}

/** RFC 7396: only what changed, nested; a cleared optional field becomes null (removed). */
export function mergePatch(values: FormValues, base: FormValues): Json {
  const patch: Json = {};
  for (const path of editedPaths(values, base)) {
    const text = values[path].trim();
    set(patch, path, text === '' ? null : text);
  }
  return patch;
}

/** The resource as it would be after the edit: what the shared zod schema validates. */
export function applyValues<T extends object>(resource: T, values: FormValues): T {
  const copy = structuredClone(resource) as Json;
  for (const [path, value] of Object.entries(values)) {
    const text = value.trim();
    if (text === '') {
      const parts = path.split('.');
      const last = parts.pop()!;
      const parent = parts.length ? get(copy, parts.join('.')) : copy;
      if (parent && typeof parent === 'object') delete (parent as Json)[last];
    } else set(copy, path, text);
  }
  return copy as T;
}

export interface Conflict {
  path: string;
  mine: string;
  theirs: string;
}

/**
 * Three-way merge after a 412: a field only the colleague changed takes their value, a field only the
 * agent changed keeps the agent's, and a field both changed differently is a conflict for the agent to decide.
 */
export function mergeWithTheirs(
  base: FormValues,
  mine: FormValues,
  theirs: FormValues,
): { values: FormValues; conflicts: Conflict[] } {
  const values: FormValues = {};
  const conflicts: Conflict[] = [];
  for (const path of Object.keys(mine)) {
    const agentChanged = mine[path].trim() !== (base[path] ?? '').trim();
    const colleagueChanged = theirs[path] !== base[path];
    if (agentChanged && colleagueChanged && mine[path].trim() !== theirs[path])
      conflicts.push({ path, mine: mine[path], theirs: theirs[path] });
    values[path] = agentChanged ? mine[path] : theirs[path];
  }
  return { values, conflicts };
}
