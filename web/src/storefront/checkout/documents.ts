import { graphql } from '../../gql';

export const CheckoutOptionsQuery = graphql(`
  query CheckoutOptions {
    me {
      id
      addresses { id address { line1 line2 city postalCode country } }
    }
    pickupPoints { id name openingHours address { line1 line2 city postalCode country } }
    myCart { ...CartFields }
  }
`);

export const CheckoutMutation = graphql(`
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      order { id number status }
      userErrors { code field message }
    }
  }
`);
