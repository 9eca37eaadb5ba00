/**
 * The anonymous visitor's cart token (issued by the first addToCart), kept in localStorage until sign-in merges the
 * guest cart into the customer's.
 */
const KEY = 'shop.storefront.guest-cart';

export function guestCartToken(): string | null {
  return window.localStorage.getItem(KEY);
}

export function rememberGuestCartToken(token: string): void {
  window.localStorage.setItem(KEY, token);
  window.dispatchEvent(new Event(KEY));
}

export function forgetGuestCartToken(): void {
  window.localStorage.removeItem(KEY);
  window.dispatchEvent(new Event(KEY));
}

/** Re-render on changes from this tab (custom event) and others (storage event). */
export function onGuestCartTokenChange(listener: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) listener();
  };
  window.addEventListener(KEY, listener);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(KEY, listener);
    window.removeEventListener('storage', onStorage);
  };
}
