/**
 * The smallest store the models in this folder need: state changes only by dispatching a named event to a pure
 * reducer, and listeners (the view, the effect that keeps the draft) see each change beside the state before it.
 */
export type Listener<S> = (state: S, previous: S) => void;

export interface Store<S, E> {
  getState: () => S;
  dispatch: (event: E) => void;
  subscribe: (listener: Listener<S>) => () => void;
}

export function createStore<S, E>(reduce: (state: S, event: E) => S, initial: S): Store<S, E> {
  let state = initial;
  const listeners = new Set<Listener<S>>();
  return {
    getState: () => state,
    dispatch(event) {
      const previous = state;
      state = reduce(state, event);
      if (state === previous) return;
      for (const listener of listeners) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
