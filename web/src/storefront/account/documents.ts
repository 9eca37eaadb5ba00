import { graphql } from '../../gql';

export const AccountQuery = graphql(`
  query Account {
    me {
      id name email phone role createdAt
      addresses { id address { line1 line2 city postalCode country } }
    }
  }
`);

export const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      customer { id name phone }
      userErrors { code field message }
    }
  }
`);

export const AddAddressMutation = graphql(`
  mutation AddAddress($input: AddressInput!) {
    addAddress(input: $input) {
      customer { id addresses { id address { line1 line2 city postalCode country } } }
      userErrors { code field message }
    }
  }
`);

export const RemoveAddressMutation = graphql(`
  mutation RemoveAddress($id: ID!) {
    removeAddress(id: $id) {
      customer { id addresses { id address { line1 line2 city postalCode country } } }
      userErrors { code field message }
    }
  }
`);

export const DeleteMyAccountMutation = graphql(`
  mutation DeleteMyAccount($password: String!) {
    deleteMyAccount(password: $password) {
      deletedCustomerId
      userErrors { code field message }
    }
  }
`);

export const MyStatsQuery = graphql(`
  query MyStats {
    myOrderStats {
      orderCount
      totalSpent { amount currency }
      averageOrderValue { amount currency }
    }
    myOrders(first: 100) {
      edges { node { id status placedAt total { amount currency } } }
    }
  }
`);
