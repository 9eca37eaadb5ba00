import type { OrderStatus } from '../../gql/graphql';

/** Every order status, in the order an order goes through them. */
export const ORDER_STATUSES: readonly OrderStatus[] = [
  'PENDING', 'RESERVED', 'PAID', 'CONFIRMED', 'ASSEMBLING', 'OUT_FOR_DELIVERY', 'READY_FOR_PICKUP', 'DELIVERED', 'PICKED_UP', 'CANCELLED', 'FAILED',
];

/** Statuses from which nothing moves any more. */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['DELIVERED', 'PICKED_UP', 'CANCELLED', 'FAILED']);
