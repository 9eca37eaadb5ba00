/** Only paths of this app: a `next` parameter never sends the browser elsewhere (not even //other.host). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
