import type { CombinedError } from '@urql/core';
import { isAuthError } from '../graphql/client';

/** What to tell a person about a failed request, in words they can act on. */
export function describeError(error: CombinedError | Error | null | undefined): string {
  if (!error) return '';
  if ('graphQLErrors' in error) {
    if (error.networkError) {
      return "The shop's server cannot be reached. Check your connection and try again.";
    }
    if (isAuthError(error)) return 'Your session has ended. Please sign in again.';
    const codes = error.graphQLErrors.map((e) => e.extensions?.code);
    if (codes.includes('FORBIDDEN')) return 'You are not allowed to do this.';
    if (codes.includes('TOO_MANY_REQUESTS') || codes.includes('RATE_LIMITED')) {
      return 'Too many requests: please wait a moment and try again.';
    }
    const messages = error.graphQLErrors.map((e) => e.message).filter(Boolean);
    return messages.length ? messages.join(' ') : 'Something went wrong. Please try again.';
  }
  return error.message || 'Something went wrong. Please try again.';
}
