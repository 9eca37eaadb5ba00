import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { QueryState, RequestError } from '../../shared/ui/components';
import { formatDateTime } from '../../shared/ui/format';
import { MarkAllNotificationsReadMutation, MarkNotificationReadMutation, NotificationsQuery } from './documents';

export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [first, setFirst] = useState(20);
  const [result, refetch] = useQuery({ query: NotificationsQuery, variables: { first, after: null, unreadOnly } });
  const [markAll, doMarkAll] = useMutation(MarkAllNotificationsReadMutation);
  const [markOne, doMarkOne] = useMutation(MarkNotificationReadMutation);
  return (
    <main id="main" className="page notifications">
      <h1>Notifications</h1>
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread only
        </label>
        <button type="button" onClick={() => void doMarkAll({})} disabled={markAll.fetching}>
          Mark all as read
        </button>
      </div>
      {(markAll.error ?? markOne.error) && <RequestError error={(markAll.error ?? markOne.error)!} />}
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} what="Loading notifications">
        {({ myNotifications }) => (
          <>
            {myNotifications.totalCount === 0 && <p>Nothing here yet.</p>}
            <ul className="notification-list">
              {myNotifications.edges.map(({ node }) => (
                <li key={node.id} className={node.read ? 'read' : 'unread'}>
                  <h2>
                    {!node.read && <span className="visually-hidden">Unread: </span>}
                    {node.title}
                  </h2>
                  <p>{node.body}</p>
                  <p className="muted">
                    <time dateTime={node.createdAt}>{formatDateTime(node.createdAt)}</time>
                    {node.order && (
                      <>
                        {' · '}
                        <Link to={`/orders/${node.order.id}`}>View the order</Link>
                      </>
                    )}
                  </p>
                  {!node.read && (
                    <button type="button" className="secondary" onClick={() => void doMarkOne({ id: node.id })}>
                      Mark as read
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {myNotifications.pageInfo.hasNextPage && (
              <button type="button" onClick={() => setFirst((n) => Math.min(100, n + 20))} disabled={first >= 100}>
                Show more
              </button>
            )}
          </>
        )}
      </QueryState>
    </main>
  );
}
