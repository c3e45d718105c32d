import { useLayoutEffect, useRef } from 'preact/hooks';
import type { SearchProps } from '@/hooks/use-customer-search';
import { useSettings } from '@/hooks/use-settings';
import { t } from '@/services/i18n';
import { escapeLeavesSearch } from '@/state/search/search-view';
import { isTyping } from '@/utils/is-typing';

/**
 * The header's search box, on every view. `/` focuses it from anywhere outside a text field; ↑/↓ open the list over
 * the account and move through it, Enter opens the active customer, Escape leaves the search (state/search/).
 */
export function SearchBox({ state, dispatch, view, options }: SearchProps) {
  const input = useRef<HTMLInputElement>(null);
  // Partner Center finds company names and domains by their start only: the placeholder says so.
  const partnerCenter = useSettings()?.connection === 'partnerCenter';
  const active = options[state.active];
  const listed = view === 'results' || view === 'recent';

  useLayoutEffect(() => {
    const box = input.current!;
    // The page arrives with this box prerendered and focused (modules/prerender): text typed into it before this
    // script ran is the agent's newest search.
    if (box.value) dispatch({ type: 'typed', query: box.value });
    // Without the prerendered box (`wxt dev`) it is focused here, unless the agent has already moved on.
    if (document.activeElement === document.body) box.focus();
    const slash = (event: KeyboardEvent) => {
      if (event.key !== '/' || isTyping(event.target)) return;
      event.preventDefault();
      box.focus();
    };
    document.addEventListener('keydown', slash);
    return () => document.removeEventListener('keydown', slash);
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      dispatch({ type: 'moved', step: event.key === 'ArrowDown' ? 1 : -1 });
    } else if (event.key === 'Enter' && active) {
      event.preventDefault();
      dispatch({ type: 'chosen', id: active.id });
    } else if (event.key === 'Escape' && escapeLeavesSearch(state)) {
      // Leaving the search, not closing the popup.
      event.preventDefault();
      dispatch({ type: 'left' });
    }
  }

  return (
    <input
      ref={input}
      type="search"
      aria-label={t('searchCustomers')}
      placeholder={t(partnerCenter ? 'pc.searchPlaceholder' : 'searchPlaceholder')}
      // The popup exists to look a customer up: the box has focus the moment it shows, before any script has run.
      autofocus
      value={state.query ?? ''}
      onInput={(event) => dispatch({ type: 'typed', query: event.currentTarget.value })}
      onKeyDown={onKeyDown}
      onClick={() => dispatch({ type: 'listAsked' })}
      aria-controls={listed ? 'customer-results' : undefined}
      aria-activedescendant={listed && active ? `customer-${active.id}` : undefined}
    />
  );
}
