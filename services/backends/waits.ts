/**
 * Waits a backend makes before trying again (Partner Center's 429 with `Retry-After`), announced so the view can say
 * so instead of looking stuck.
 */
import { pause } from '../retry';

type Listener = (until: number | null) => void;
const listeners = new Set<Listener>();

export function onWait(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export async function announcedPause(seconds: number, signal?: AbortSignal): Promise<void> {
  for (const listener of listeners) listener(Date.now() + seconds * 1000);
  try {
    await pause(seconds * 1000, signal);
  } finally {
    for (const listener of listeners) listener(null);
  }
}
