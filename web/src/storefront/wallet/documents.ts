import { graphql } from '../../gql';

export const WalletQuery = graphql(`
  query Wallet($first: Int!, $after: String) {
    myWallet {
      customerId
      balance { amount currency }
      transactions(first: $first, after: $after) {
        totalCount
        edges { node { id kind amount { amount currency } balanceAfter { amount currency } orderId reason createdAt } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

export const TopUpMutation = graphql(`
  mutation TopUp($input: TopUpInput!) {
    topUpWallet(input: $input) {
      wallet { customerId balance { amount currency } }
      userErrors { code field message }
    }
  }
`);
