import { expect, test } from 'vitest';
import { applyValues, editedPaths, mergePatch, mergeWithTheirs, toValues } from '@/state/edit-session/form-model';

const profile = {
  id: 'b1',
  firstName: 'Anna',
  email: 'anna@contoso.com',
  defaultAddress: { city: 'Moscow', addressLine2: 'Office 5', postalCode: '101000' },
};
const paths = ['firstName', 'email', 'defaultAddress.city', 'defaultAddress.addressLine2', 'defaultAddress.state'];

test('a resource becomes flat text by dotted path, absent fields empty', () => {
  expect(toValues(profile, paths)).toEqual({
    firstName: 'Anna',
    email: 'anna@contoso.com',
    'defaultAddress.city': 'Moscow',
    'defaultAddress.addressLine2': 'Office 5',
    'defaultAddress.state': '',
  });
});

test('the merge patch holds only what changed, nested; a cleared optional field is null', () => {
  const base = toValues(profile, paths);
  const values = { ...base, 'defaultAddress.city': ' Kazan ', 'defaultAddress.addressLine2': '', firstName: 'Anna ' };
  expect(editedPaths(values, base)).toEqual(['defaultAddress.city', 'defaultAddress.addressLine2']);
  expect(mergePatch(values, base)).toEqual({ defaultAddress: { city: 'Kazan', addressLine2: null } });
  expect(mergePatch(base, base)).toEqual({});
});

test('applying values keeps untouched fields and drops cleared ones, without touching the original', () => {
  const edited = applyValues(profile, { 'defaultAddress.city': 'Kazan', 'defaultAddress.addressLine2': '' });
  expect(edited.defaultAddress).toEqual({ city: 'Kazan', postalCode: '101000' });
  expect(edited.id).toBe('b1');
  expect(profile.defaultAddress.city).toBe('Moscow');
});

test('after a 412: only fields both sides changed differently are conflicts; one-sided changes are kept', () => {
  const base = { a: '1', b: '1', c: '1', d: '1' };
  const mine = { a: '2', b: '1', c: '2', d: '5' };
  const theirs = { a: '1', b: '3', c: '2', d: '6' };
  const { values, conflicts } = mergeWithTheirs(base, mine, theirs);
  expect(values).toEqual({ a: '2', b: '3', c: '2', d: '5' });
  expect(conflicts).toEqual([{ path: 'd', mine: '5', theirs: '6' }]);
});
