import { graphql } from '../../gql';

export const AdminOrdersQuery = graphql(`
  query AdminOrders($first: Int!, $after: String, $filter: OrderFilter) {
    orders(first: $first, after: $after, filter: $filter) {
      totalCount
      edges { node { id number status placedAt total { amount currency } customer { id name email } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const AdminOrderQuery = graphql(`
  query AdminOrder($id: ID!) {
    order(id: $id) {
      ...OrderDetailFields
      customer { id name email }
    }
    pickupPoints { id name }
  }
`);

export const AdvanceOrderMutation = graphql(`
  mutation AdvanceOrder($input: AdvanceOrderInput!) {
    advanceOrder(input: $input) {
      order { ...OrderDetailFields }
      userErrors { code field message }
    }
  }
`);
