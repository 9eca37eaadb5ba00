import { graphql } from '../../gql';

export const CustomersQuery = graphql(`
  query Customers($first: Int!, $after: String, $search: String) {
    customers(first: $first, after: $after, search: $search) {
      totalCount
      edges { node { id name email role createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const CustomerQuery = graphql(`
  query Customer($id: ID!) {
    customer(id: $id) {
      id name email phone role createdAt erasedAt emailVerified
      addresses { id address { line1 line2 city postalCode country } }
      wallet {
        customerId
        balance { amount currency }
        transactions(first: 20) {
          totalCount
          edges { node { id kind amount { amount currency } balanceAfter { amount currency } orderId reason createdAt } }
        }
      }
      orders(first: 20) {
        totalCount
        edges { node { id number status placedAt total { amount currency } } }
      }
    }
  }
`);
