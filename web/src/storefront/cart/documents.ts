import { graphql } from '../../gql';

export const CartFields = graphql(`
  fragment CartFields on Cart {
    itemCount
    subtotal { amount currency }
    lines {
      quantity
      unitPrice { amount currency }
      lineTotal { amount currency }
      product { id name stock available images price { amount currency } }
    }
  }
`);

export const CartQuery = graphql(`
  query Cart {
    myCart { ...CartFields }
  }
`);

/** An anonymous visitor's cart; null when the token expired or was merged. */
export const GuestCartQuery = graphql(`
  query GuestCart($cartToken: String!) {
    guestCart(cartToken: $cartToken) { ...CartFields }
  }
`);

export const MergeGuestCartMutation = graphql(`
  mutation MergeGuestCart($cartToken: String!) {
    mergeGuestCart(cartToken: $cartToken) {
      cart { ...CartFields }
      userErrors { code field message }
    }
  }
`);

export const AddToCartMutation = graphql(`
  mutation AddToCart($input: CartLineInput!) {
    addToCart(input: $input) {
      cart { ...CartFields }
      cartToken
      userErrors { code field message }
    }
  }
`);

export const UpdateCartLineMutation = graphql(`
  mutation UpdateCartLine($input: CartLineInput!) {
    updateCartLine(input: $input) {
      cart { ...CartFields }
      userErrors { code field message }
    }
  }
`);

export const RemoveFromCartMutation = graphql(`
  mutation RemoveFromCart($productId: ID!, $cartToken: String) {
    removeFromCart(productId: $productId, cartToken: $cartToken) {
      cart { ...CartFields }
      userErrors { code field message }
    }
  }
`);
