import type { DeliveryMethod, OrderStatus } from '../../gql/graphql';

/**
 * The statuses an admin may move an order to (the orders subgraph's advanceOrder rules; it answers
 * INVALID_TRANSITION to anything else, so this only decides which buttons to show).
 */
export function nextStatuses(status: OrderStatus, method: DeliveryMethod): OrderStatus[] {
  const handOver: OrderStatus = method === 'PICKUP' ? 'READY_FOR_PICKUP' : 'OUT_FOR_DELIVERY';
  switch (status) {
    case 'CONFIRMED':
      return ['ASSEMBLING', handOver];
    case 'ASSEMBLING':
      return [handOver];
    case 'OUT_FOR_DELIVERY':
      return ['DELIVERED'];
    case 'READY_FOR_PICKUP':
      return ['PICKED_UP'];
    default:
      return [];
  }
}

/** An admin may cancel until the order is delivered or picked up. */
export function adminCanCancel(status: OrderStatus): boolean {
  return !['DELIVERED', 'PICKED_UP', 'CANCELLED', 'FAILED'].includes(status);
}
