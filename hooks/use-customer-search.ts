import { useLayoutEffect, useState } from 'preact/hooks';
import { customerSearch, openSearch, optionsOf } from '@/state/search/search';
import { searchEffects } from '@/state/search/search-effects';
import { mainView } from '@/state/search/search-view';
import { createStore } from '@/state/store';
import { useStore } from './use-store';

/**
 * The search shared by the header's box and the main area's list (state/search/): its state, `dispatch`, what the
 * main area shows and the options listed.
 */
export function useCustomerSearch() {
  const [{ store, effects }] = useState(() => {
    const store = createStore(customerSearch, openSearch());
    return { store, effects: searchEffects(store) };
  });
  // A layout effect runs before the first paint: the stored search starts a frame sooner.
  useLayoutEffect(() => effects.start(), [effects]);
  const state = useStore(store);
  return { state, dispatch: store.dispatch, view: mainView(state), options: optionsOf(state) };
}

export type SearchProps = ReturnType<typeof useCustomerSearch>;
