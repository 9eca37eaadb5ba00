import { graphql } from '../../gql';

export const NotificationsQuery = graphql(`
  query Notifications($first: Int!, $after: String, $unreadOnly: Boolean) {
    myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      edges { node { id kind title body read createdAt order { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded { id kind title body read createdAt order { id } }
  }
`);

export const MarkNotificationReadMutation = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      notification { id read }
      userErrors { code message }
    }
  }
`);

export const MarkAllNotificationsReadMutation = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead {
      markedCount
      userErrors { code message }
    }
  }
`);
