import { useCallback } from 'react';
import { NavLink } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { UnreadCountQuery } from '../../shared/graphql/cache';
import { useResync } from '../../shared/graphql/useResync';
import { NotificationAddedSubscription } from './documents';

/** The header link with the unread count; a new notification raises it live (see the cache's notificationAdded). */
export function NotificationBadge() {
  const [count, refetch] = useQuery({ query: UnreadCountQuery });
  useResync(useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]));
  useSubscription({ query: NotificationAddedSubscription });
  const unread = count.data?.unreadNotificationCount ?? 0;
  return (
    <NavLink to="/notifications">
      Notifications
      {unread > 0 && (
        <span className="badge">
          <span data-testid="unread-badge">{unread}</span>
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </NavLink>
  );
}
