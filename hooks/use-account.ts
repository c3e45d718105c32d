import { useEffect, useMemo, useRef } from 'preact/hooks';
import { customerChangedItem } from '@/services/storage';
import { accountPage, openAccount } from '@/state/edit-session/account';
import { accountEffects } from '@/state/edit-session/account-effects';
import { createStore } from '@/state/store';
import { useSignIns } from './use-sign-ins';
import { useStorageItem } from './use-storage-item';
import { useStore } from './use-store';

/**
 * The Account page of customer `id`: its state, `dispatch`, and the effects; read only when the role may view it.
 * `reopened` counts the times the agent chose it again (state/search/search.ts): each is a new read.
 */
export function useAccount(id: string, mayView: boolean, reopened = 0) {
  const { store, effects } = useMemo(() => {
    const store = createStore(accountPage, openAccount());
    return { store, effects: accountEffects(store, id) };
  }, [id]);
  const page = useStore(store);
  const changed = useStorageItem(customerChangedItem);
  const signIns = useSignIns();

  // Only a change to this customer makes it worth reading again.
  useEffect(() => {
    if (changed?.id === id) store.dispatch({ type: 'changeAnnounced', at: changed.at });
  }, [changed, id, store]);

  const firstReopened = useRef(reopened);
  useEffect(() => {
    if (reopened !== firstReopened.current) store.dispatch({ type: 'chosenAgain', at: Date.now() });
  }, [reopened, store]);

  // A side panel shown again, or the window focused again, may be showing an old copy.
  useEffect(() => {
    const shown = () => {
      if (document.visibilityState === 'visible') store.dispatch({ type: 'shownAgain', at: Date.now() });
    };
    document.addEventListener('visibilitychange', shown);
    window.addEventListener('focus', shown);
    return () => {
      document.removeEventListener('visibilitychange', shown);
      window.removeEventListener('focus', shown);
    };
  }, [store]);

  useEffect(() => {
    if (!mayView) return;
    effects.load();
    return effects.stop;
  }, [effects, page.version, mayView, signIns]);

  useEffect(() => {
    void effects.reopenDraft();
  }, [effects]);

  return { page, dispatch: store.dispatch, ...effects };
}
