import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * A client-side navigation changes no document, so screen readers hear nothing: after each route change this
 * announces the new page's heading and moves the focus to the main region (as a full page load would).
 */
export function RouteAnnouncer() {
  const location = useLocation();
  const [message, setMessage] = useState('');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      const heading = document.querySelector('main h1');
      setMessage(heading?.textContent ? `${heading.textContent}` : document.title);
      const main = document.getElementById('main');
      if (main && !main.contains(document.activeElement)) {
        main.setAttribute('tabindex', '-1');
        main.focus({ preventScroll: true });
      }
    }, 50);
    return () => window.clearTimeout(timer);
  }, [location.pathname]);
  return (
    <p className="visually-hidden" aria-live="polite" role="status">
      {message}
    </p>
  );
}
