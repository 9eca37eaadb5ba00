import { graphql } from '../../gql';

export const MyOrdersQuery = graphql(`
  query MyOrders($first: Int!, $after: String, $status: OrderStatus) {
    myOrders(first: $first, after: $after, status: $status) {
      totalCount
      edges { node { id number status placedAt total { amount currency } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const MyOrderQuery = graphql(`
  query MyOrder($id: ID!) {
    order(id: $id) { ...OrderDetailFields }
    pickupPoints { id name }
  }
`);
