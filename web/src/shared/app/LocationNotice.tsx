import { useLocation } from 'react-router';
import { Status } from '../ui/components';

/** A message handed over by the page that navigated here (`navigate(to, { state: { notice } })`). */
export function LocationNotice() {
  const location = useLocation();
  const notice = (location.state as { notice?: unknown } | null)?.notice;
  if (typeof notice !== 'string' || !notice) return null;
  return (
    <div className="page notice">
      <Status>{notice}</Status>
    </div>
  );
}
