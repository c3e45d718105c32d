import type { CustomerOption } from '@/state/search/search';
import { Highlight } from './Highlight';

interface Props {
  label: string;
  options: CustomerOption[];
  active: number;
  query: string;
  onOpen: (id: string) => void;
}

/** The listbox of customers (results or recent ones); the search box keeps focus and moves the active option. */
export function CustomerOptions({ label, options, active, query, onOpen }: Props) {
  return (
    // The active-descendant pattern: the search box keeps focus and handles the keys, the options only take clicks.
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a list of options is what a listbox is.
    <ul id="customer-results" role="listbox" aria-label={label}>
      {options.map((customer, index) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: keys and focus stay in the search box (aria-activedescendant).
        <li
          key={customer.id}
          id={`customer-${customer.id}`}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the listbox's options.
          role="option"
          aria-selected={index === active}
          // Named by its content, the company alone (the domain is hidden from the name and read as the description).
          aria-describedby={`customer-${customer.id}-domain`}
          onClick={() => onOpen(customer.id)}
        >
          <span class="company">
            <Highlight text={customer.companyName} query={query} />
          </span>
          {/* Heard as the option's description, not as part of its name. */}
          <span class="detail" id={`customer-${customer.id}-domain`} aria-hidden="true">
            <Highlight text={customer.domain} query={query} whole />
            {customer.contact && (
              <>
                {' · '}
                <Highlight text={customer.contact} query={query} />
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
