import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { PurchasePermissionSwitches } from '@/components/PurchasePermissionSwitches';
import { setLanguage } from '@/services/i18n';

const permission = { etag: '"p1"', azureReservations: false, azureSavingsPlans: true };

beforeEach(() => {
  setLanguage('en');
  // happy-dom's <dialog> may lack showModal; the component only needs it to open.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
});
afterEach(cleanup);

test('switches show their state; a role that may not change them sees them disabled with the reason', () => {
  render(
    <PurchasePermissionSwitches
      permission={permission}
      denial="The Sales agent role cannot give or remove purchase permission."
      busy={false}
      onChange={() => {}}
    />,
  );
  const reservations = screen.getByRole('switch', { name: 'Allow purchase of Azure reservations' });
  expect(reservations.getAttribute('aria-checked')).toBe('false');
  expect(
    screen.getByRole('switch', { name: 'Allow purchase of Azure savings plans' }).getAttribute('aria-checked'),
  ).toBe('true');
  expect((reservations as HTMLButtonElement).disabled).toBe(true);
  expect(document.getElementById(reservations.getAttribute('aria-describedby')!)?.textContent).toContain(
    'cannot give or remove',
  );
});

// The dialog's first render may wait on its module: on a busy machine longer than testing-library's 1 s default.
const DIALOG = { timeout: 10_000 };

test('nothing changes before the agent confirms; Turn off confirms turning off', async () => {
  const onChange = vi.fn();
  render(<PurchasePermissionSwitches permission={permission} denial={null} busy={false} onChange={onChange} />);
  fireEvent.click(screen.getByRole('switch', { name: 'Allow purchase of Azure savings plans' }));
  const cancel = await screen.findByRole('button', { name: 'Cancel' }, DIALOG);
  expect(onChange).not.toHaveBeenCalled();
  fireEvent.click(cancel);
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull(), DIALOG);
  expect(onChange).not.toHaveBeenCalled();

  fireEvent.click(screen.getByRole('switch', { name: 'Allow purchase of Azure savings plans' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Turn off' }, DIALOG));
  expect(onChange).toHaveBeenCalledWith('azureSavingsPlans', false);
});
