import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '@/services/settings/effective';
import { readSettings, watchSettings } from '@/services/settings/settings';

/**
 * One reading of the settings shared by every component of a page (several read them as it opens), renewed on each
 * change while any is mounted, dropped when the last one goes.
 */
const listeners = new Set<(settings: Settings) => void>();
let latest: Settings | undefined;
let stop: (() => void) | null = null;
/** Readings are numbered: an older one answering late is dropped. */
let asked = 0;

function read() {
  const number = ++asked;
  void readSettings().then((settings) => {
    if (number !== asked || !stop) return;
    latest = settings;
    for (const listener of listeners) listener(settings);
  });
}

function subscribe(listener: (settings: Settings) => void): () => void {
  listeners.add(listener);
  if (!stop) {
    stop = watchSettings(read);
    read();
  } else if (latest) listener(latest);
  return () => {
    listeners.delete(listener);
    if (listeners.size) return;
    stop?.();
    stop = null;
    latest = undefined;
  };
}

/** The settings in force (the organisation's over the agent's own); undefined until storage has answered. */
export function useSettings(): Settings | undefined {
  const [settings, setSettings] = useState(latest);
  useEffect(() => subscribe(setSettings), []);
  return settings;
}
