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

export const CartCountQuery = graphql(`
  query CartCount {
    myCart { itemCount }
  }
`);

export const AddToCartMutation = graphql(`
  mutation AddToCart($input: CartLineInput!) {
    addToCart(input: $input) {
      cart { ...CartFields }
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
  mutation RemoveFromCart($productId: ID!) {
    removeFromCart(productId: $productId) {
      cart { ...CartFields }
      userErrors { code field message }
    }
  }
`);
