import { useEffect, useState } from 'preact/hooks';

const loaded = new Map<() => Promise<unknown>, unknown>();

/**
 * A module loaded with dynamic import() the first time it is `wanted`, so heavy parts (forms, dialogs, zod)
 * stay out of the popup's first bundle. `load` must be a stable (module-level) function.
 */
export function useModule<T>(load: () => Promise<T>, wanted: boolean): T | null {
  const [module, setModule] = useState<T | null>((loaded.get(load) as T | undefined) ?? null);
  useEffect(() => {
    if (!wanted || module) return;
    let live = true;
    void load().then((m) => {
      loaded.set(load, m);
      if (live) setModule(m);
    });
    return () => {
      live = false;
    };
  }, [wanted, module, load]);
  return module;
}
