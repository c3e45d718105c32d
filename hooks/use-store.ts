import { useEffect, useState } from 'preact/hooks';
import type { Store } from '@/state/store';

/** The store's current state; the component renders again after every change. */
export function useStore<S>(store: Store<S, never>): S {
  const [, setState] = useState(store.getState());
  useEffect(() => {
    // A change between the first render and this subscription is not missed.
    setState(store.getState());
    return store.subscribe((state) => setState(state));
  }, [store]);
  return store.getState();
}
