// @vitest-environment node
/** The form's edit session, transition by transition: a pure reducer, no browser and no DOM. */
import { describe, expect, test } from 'vitest';
import {
  draftOf,
  type EditSession,
  editSession,
  openSession,
  outgoing,
  type SessionEvent,
  shownErrors,
} from '@/state/edit-session/form';

const saved = { firstName: 'Anna', lastName: 'Ivanova', 'defaultAddress.city': 'Moscow' };
const open = () => openSession(saved, '"b1"');
const run = (state: EditSession, ...events: SessionEvent[]) => events.reduce(editSession, state);
const edit = (path: string, value: string): SessionEvent => ({ type: 'edited', path, value });
/** A form where the agent changed `path` and pressed Submit, with no client-side errors: it is sending. */
const submittedEdit = (path: string, value: string) =>
  run(open(), edit(path, value), { type: 'submitted', errors: {} });

describe('opening', () => {
  test('a fresh form starts from the saved values, with nothing to keep as a draft', () => {
    const state = open();
    expect(state).toMatchObject({ values: saved, base: saved, etag: '"b1"', status: 'editing', restoredAt: null });
    expect(draftOf(state)).toBeNull();
  });

  test('draftRestored: the draft brings back its values, base and ETag, and when it was kept', () => {
    const draft = { values: { ...saved, firstName: 'Anya' }, base: saved, etag: '"b0"', savedAt: 1234 };
    const state = openSession({ ...saved, lastName: 'Newer' }, '"b2"', draft);
    expect(state).toMatchObject({ values: draft.values, base: saved, etag: '"b0"', restoredAt: 1234 });
    expect(draftOf(state)).toEqual({ values: draft.values, base: saved, etag: '"b0"' });
  });

  test('discarded: back to the resource as it is now; the notice and the API messages go', () => {
    const draft = { values: { ...saved, firstName: 'Anya' }, base: saved, etag: '"b0"', savedAt: 1234 };
    const now = { ...saved, lastName: 'Newer' };
    const state = run(
      openSession(saved, '"b0"', draft),
      { type: 'rejected', errors: { firstName: 'Taken.' }, notice: { text: 'Invalid.' } },
      { type: 'discarded', values: now, etag: '"b2"' },
    );
    expect(state).toMatchObject({ values: now, base: now, etag: '"b2"', restoredAt: null, serverErrors: {} });
    expect(draftOf(state)).toBeNull();
  });
});

describe('typing', () => {
  test("edited: the value changes, that field's API message and any suggestion go, and the edit becomes a draft", () => {
    const before = run(open(), {
      type: 'rejected',
      errors: { firstName: 'Taken.', lastName: 'Too long.' },
      suggestion: { 'defaultAddress.city': 'MOSCOW' },
      notice: { key: 'form.fixErrors' },
    });
    const state = editSession(before, edit('firstName', 'Anya'));
    expect(state.values.firstName).toBe('Anya');
    expect(state.serverErrors).toEqual({ lastName: 'Too long.' });
    expect(state.suggestion).toBeNull();
    expect(draftOf(state)).toEqual({ values: { ...saved, firstName: 'Anya' }, base: saved, etag: '"b1"' });
  });

  test('typing the saved text back leaves no draft', () => {
    expect(draftOf(run(open(), edit('firstName', 'Anya'), edit('firstName', 'Anna ')))).toBeNull();
  });

  test("blurred: a field's own errors show once the agent has left it", () => {
    const errors = { firstName: 'Fill this in.', lastName: 'Fill this in.' };
    const state = run(open(), { type: 'blurred', path: 'firstName' });
    expect(shownErrors(state, errors)).toEqual({ firstName: 'Fill this in.' });
    expect(editSession(state, { type: 'blurred', path: 'firstName' })).toBe(state);
  });

  test("the API's message wins over the field's own", () => {
    const state = run(
      open(),
      { type: 'blurred', path: 'firstName' },
      { type: 'rejected', errors: { firstName: 'Taken.' }, notice: { text: 'Invalid.' } },
    );
    expect(shownErrors(state, { firstName: 'Fill this in.' })).toEqual({ firstName: 'Taken.' });
  });
});

describe('Submit', () => {
  test('submitted with field errors: every field shows its errors, the alert says so, focus moves (rejections)', () => {
    const state = run(open(), edit('firstName', ''), { type: 'submitted', errors: { firstName: 'Fill this in.' } });
    expect(state.status).toBe('editing');
    expect(state.notice).toEqual({ key: 'form.fixErrors' });
    expect(state.rejections).toBe(1);
    expect(shownErrors(state, { firstName: 'Fill this in.', lastName: 'x' })).toEqual({
      firstName: 'Fill this in.',
      lastName: 'x',
    });
    expect(editSession(state, { type: 'submitted', errors: { firstName: 'Fill this in.' } }).rejections).toBe(2);
  });

  test('submitted with an edit and no errors: sending, with only the change and the ETag it started from', () => {
    const state = submittedEdit('defaultAddress.city', 'Kazan');
    expect(state.status).toBe('sending');
    expect(state.notice).toBeNull();
    expect(outgoing(state)).toEqual({
      patch: { defaultAddress: { city: 'Kazan' } },
      ifMatch: '"b1"',
      undo: { defaultAddress: { city: 'Moscow' } },
    });
  });

  test('submitted with nothing changed: closed, nothing to send', () => {
    expect(editSession(open(), { type: 'submitted', errors: {} }).status).toBe('closed');
  });

  test('rejected by the address check: its field errors and suggestion; suggestionTaken applies it', () => {
    const state = editSession(submittedEdit('defaultAddress.city', 'moscow'), {
      type: 'rejected',
      errors: { 'defaultAddress.city': 'Did you mean MOSCOW?' },
      suggestion: { 'defaultAddress.city': 'MOSCOW' },
      notice: { key: 'form.fixErrors' },
    });
    expect(state).toMatchObject({ status: 'editing', rejections: 1, notice: { key: 'form.fixErrors' } });
    expect(state.serverErrors).toEqual({ 'defaultAddress.city': 'Did you mean MOSCOW?' });
    const taken = editSession(state, { type: 'suggestionTaken' });
    expect(taken.values['defaultAddress.city']).toBe('MOSCOW');
    expect(taken).toMatchObject({ suggestion: null, serverErrors: {} });
    expect(editSession(taken, { type: 'suggestionTaken' })).toBe(taken);
  });

  test('rejected by the API (422): the fields get its messages, the alert its reason', () => {
    const state = editSession(submittedEdit('firstName', 'X'), {
      type: 'rejected',
      errors: { firstName: 'Too short.' },
      notice: { text: 'The request has invalid fields.' },
    });
    expect(state).toMatchObject({ status: 'editing', rejections: 1, serverErrors: { firstName: 'Too short.' } });
    expect(state.notice).toEqual({ text: 'The request has invalid fields.' });
  });

  test('failed (API down, 403): the alert says why; the values and the draft stay', () => {
    const state = editSession(submittedEdit('firstName', 'Anya'), {
      type: 'failed',
      notice: { text: 'The Customer Desk API is not answering.' },
    });
    expect(state).toMatchObject({ status: 'editing', rejections: 0 });
    expect(state.notice).toEqual({ text: 'The Customer Desk API is not answering.' });
    expect(draftOf(state)?.values.firstName).toBe('Anya');
  });

  test('saved and cancelled close the session, and the draft goes', () => {
    const editing = run(open(), edit('firstName', 'Anya'));
    for (const type of ['saved', 'cancelled'] as const) {
      const state = editSession(editing, { type });
      expect(state.status).toBe('closed');
      expect(draftOf(state)).toBeNull();
    }
  });
});

describe('412: a colleague saved first', () => {
  // The agent changed city and last name; the colleague changed city (differently) and first name.
  const theirs = { firstName: 'Anastasia', lastName: 'Ivanova', 'defaultAddress.city': 'Kazan' };
  const sent = () =>
    run(open(), edit('defaultAddress.city', 'Samara'), edit('lastName', 'Petrova'), { type: 'submitted', errors: {} });

  test('conflicted: fields only the agent changed are kept silently, only the clashing field is listed', () => {
    const state = editSession(sent(), { type: 'conflicted', theirs, etag: '"b2"' });
    expect(state.pending?.conflicts).toEqual([{ path: 'defaultAddress.city', mine: 'Samara', theirs: 'Kazan' }]);
    expect(state.values).toEqual({ firstName: 'Anastasia', lastName: 'Petrova', 'defaultAddress.city': 'Samara' });
    expect(state.status).toBe('editing');
    // Nothing is rebased before the agent chooses.
    expect(state).toMatchObject({ base: saved, etag: '"b1"' });
  });

  test("merged: the agent's choices apply, the colleague's version is the new base, and it is sent again", () => {
    const conflicted = editSession(sent(), { type: 'conflicted', theirs, etag: '"b2"' });
    const state = editSession(conflicted, { type: 'merged', choices: { 'defaultAddress.city': 'theirs' } });
    expect(state).toMatchObject({ status: 'sending', pending: null, base: theirs, etag: '"b2"' });
    expect(outgoing(state).patch).toEqual({ lastName: 'Petrova' });
    expect(outgoing(state).ifMatch).toBe('"b2"');
    const mine = editSession(conflicted, { type: 'merged', choices: { 'defaultAddress.city': 'mine' } });
    expect(outgoing(mine).patch).toEqual({ lastName: 'Petrova', defaultAddress: { city: 'Samara' } });
  });

  test('merged with nothing of the agent left to send: closed', () => {
    const state = run(
      submittedEdit('defaultAddress.city', 'Samara'),
      { type: 'conflicted', theirs, etag: '"b2"' },
      { type: 'merged', choices: { 'defaultAddress.city': 'theirs' } },
    );
    expect(state.status).toBe('closed');
  });

  test('mergeCancelled: the dialog goes, the values stay', () => {
    const conflicted = editSession(sent(), { type: 'conflicted', theirs, etag: '"b2"' });
    const state = editSession(conflicted, { type: 'mergeCancelled' });
    expect(state.pending).toBeNull();
    expect(state.values).toBe(conflicted.values);
  });

  test('conflicted without a clash: the merged values return to the form on the new base, with the notice', () => {
    const state = editSession(submittedEdit('lastName', 'Petrova'), { type: 'conflicted', theirs, etag: '"b2"' });
    expect(state.pending).toBeNull();
    expect(state).toMatchObject({
      status: 'editing',
      base: theirs,
      etag: '"b2"',
      notice: { key: 'form.mergedTheirs' },
    });
    expect(state.values).toEqual({ ...theirs, lastName: 'Petrova' });
    expect(draftOf(state)).toEqual({ values: state.values, base: theirs, etag: '"b2"' });
  });
});
