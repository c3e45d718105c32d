import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ConflictDialog } from '@/components/ConflictDialog';
import { setLanguage } from '@/services/i18n';

const LABELS: Record<string, string> = { 'defaultAddress.city': 'City', lastName: 'Last name' };
const city = { path: 'defaultAddress.city', theirs: 'Kazan', mine: 'Kazань' };
const lastName = { path: 'lastName', theirs: 'Petrova', mine: '' };

beforeEach(() => {
  setLanguage('en');
  // happy-dom's <dialog> may lack showModal; the component only needs it to open.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
});
afterEach(cleanup);

const open = (conflicts = [city, lastName]) => {
  const onResolve = vi.fn();
  render(
    <ConflictDialog conflicts={conflicts} label={(path) => LABELS[path]} onResolve={onResolve} onCancel={() => {}} />,
  );
  return onResolve;
};
const group = (name: string) => screen.getByRole('group', { name });
const description = (radio: HTMLElement) =>
  document.getElementById(radio.getAttribute('aria-describedby')!)?.textContent;

test('per field a group of radios named by its label: their value beside mine, the differing part marked', () => {
  open();
  const theirs = within(group('City')).getByRole('radio', { name: 'Use theirs' });
  const mine = within(group('City')).getByRole('radio', { name: 'Keep my changes' });
  expect(description(theirs)).toBe('Kazan');
  expect(description(mine)).toBe('Kazань');
  const marked = (radio: HTMLElement) =>
    [...document.getElementById(radio.getAttribute('aria-describedby')!)!.querySelectorAll('mark')].map(
      (m) => m.textContent,
    );
  expect(marked(theirs)).toEqual(['an']);
  expect(marked(mine)).toEqual(['ань']);
  // An emptied field says so rather than showing nothing.
  expect(description(within(group('Last name')).getByRole('radio', { name: 'Keep my changes' }))).toBe('(empty)');
});

test('Submit sends only once every field has a choice; until then it says so and marks the field', () => {
  const onResolve = open();
  const dialog = screen.getByRole('dialog', { name: 'This customer was changed' });
  fireEvent.click(within(group('City')).getByRole('radio', { name: 'Use theirs' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Submit' }));
  expect(onResolve).not.toHaveBeenCalled();
  expect(screen.getByRole('alert').textContent).toBe('Choose a value for each field, then submit.');
  expect(group('Last name').getAttribute('aria-invalid')).toBe('true');
  expect(group('City').getAttribute('aria-invalid')).toBeNull();

  fireEvent.click(within(group('Last name')).getByRole('radio', { name: 'Keep my changes' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Submit' }));
  expect(onResolve).toHaveBeenCalledWith({ 'defaultAddress.city': 'theirs', lastName: 'mine' });
});

test('the choice for all fields sets every group, and can still be changed per field before Submit', () => {
  const onResolve = open();
  const forAll = screen.getByRole('group', { name: 'For all fields' });
  fireEvent.click(within(forAll).getByRole('button', { name: 'Use theirs' }));
  for (const name of ['City', 'Last name'])
    expect((within(group(name)).getByRole('radio', { name: 'Use theirs' }) as HTMLInputElement).checked).toBe(true);
  expect(onResolve).not.toHaveBeenCalled();
  fireEvent.click(within(group('City')).getByRole('radio', { name: 'Keep my changes' }));
  fireEvent.keyDown(within(group('City')).getByRole('radio', { name: 'Keep my changes' }), { key: 'Enter' });
  expect(onResolve).toHaveBeenCalledWith({ 'defaultAddress.city': 'mine', lastName: 'theirs' });
});

test('one clashing field: no choice for all, the field itself is the choice', () => {
  open([city]);
  expect(screen.queryByRole('group', { name: 'For all fields' })).toBeNull();
  expect(within(group('City')).getAllByRole('radio')).toHaveLength(2);
});
