import { useEffect, useRef, useState } from 'preact/hooks';
import { signInItem } from '@/services/sign-in/session-item';
import { useStorageItem } from './use-storage-item';

/**
 * How many times the agent signed in (again) to Partner Center while this view was open: a reason to read again
 * what failed for want of a sign-in. Signing out, and the sign-in found at start, do not count.
 */
export function useSignIns(): number {
  const status = useStorageItem(signInItem)?.status;
  const [count, setCount] = useState(0);
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current && previous.current !== 'signedIn' && status === 'signedIn') setCount((n) => n + 1);
    previous.current = status;
  }, [status]);
  return count;
}
