/**
 * The sign-in as every view sees it: `session:signIn`, in the browser's session storage (never `local`: tokens
 * must not outlive the browser session or reach the disk's profile). Only the background writes it.
 */
import { storage } from 'wxt/utils/storage';
import { type SignIn, signedOut } from '@/state/sign-in';

export const signInItem = storage.defineItem<SignIn>('session:signIn', { fallback: signedOut() });
