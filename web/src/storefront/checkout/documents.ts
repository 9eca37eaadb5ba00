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

/** The price of the cart for this delivery and promo code, as checkout would charge it; changes nothing. */
export const CheckoutQuoteQuery = graphql(`
  query CheckoutQuote($input: CheckoutQuoteInput!) {
    checkoutQuote(input: $input) {
      quote {
        country
        promoCode
        pricesIncludeTax
        subtotal { amount currency }
        deliveryFee { amount currency }
        discount { amount currency }
        taxTotal { amount currency }
        total { amount currency }
        taxes { taxClass rate taxableAmount { amount currency } amount { amount currency } }
      }
      userErrors { code field message }
    }
  }
`);
