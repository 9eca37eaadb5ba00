import { graphql } from '../../gql';

/** What the order pages of both apps show; the live subscription selects the same, so an event updates the page. */
export const OrderDetailFields = graphql(`
  fragment OrderDetailFields on Order {
    id
    number
    status
    placedAt
    failureReason
    estimatedAssemblyAt
    estimatedDeliveryAt
    subtotal { amount currency }
    deliveryFee { amount currency }
    discount { amount currency }
    total { amount currency }
    pricesIncludeTax
    taxTotal { amount currency }
    taxes { taxClass rate taxableAmount { amount currency } amount { amount currency } }
    delivery {
      method
      pickupPointId
      address { line1 line2 city postalCode country }
    }
    lines {
      productName
      quantity
      unitPrice { amount currency }
      lineTotal { amount currency }
      product { id }
    }
    statusHistory { status at reason }
  }
`);

export const OrderStatusChangedSubscription = graphql(`
  subscription OrderStatusChanged($orderId: ID) {
    orderStatusChanged(orderId: $orderId) {
      status
      previousStatus
      at
      order { ...OrderDetailFields }
    }
  }
`);

export const CancelOrderMutation = graphql(`
  mutation CancelOrder($input: CancelOrderInput!) {
    cancelOrder(input: $input) {
      order { ...OrderDetailFields }
      userErrors { code field message }
    }
  }
`);
