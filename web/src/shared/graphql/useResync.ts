import { useEffect } from 'react';
import { RESYNC_EVENT } from './client';

/** Calls `refetch` when a live subscription had to be opened again (events may have been missed meanwhile). */
export function useResync(refetch: () => void): void {
  useEffect(() => {
    window.addEventListener(RESYNC_EVENT, refetch);
    return () => window.removeEventListener(RESYNC_EVENT, refetch);
  }, [refetch]);
}
