import { cacheExchange, type Cache, type CacheExchangeOpts, type Data } from '@urql/exchange-graphcache';

type Fields = Record<string, unknown>;
import type { Exchange } from '@urql/core';
import schema from '../../gql/introspection';
import { graphql } from '../../gql';

/**
 * The normalised cache shared by the storefront and the admin console, and what each mutation and subscription
 * changes in it. Entities with an `id` are normalised by it; the rest is keyed below. Lists whose membership or
 * order a mutation changes are invalidated (their queries fetch again) rather than patched: the server decides
 * filters, sorting and paging, and a patched list that disagrees with it would be a lie.
 */

export const UnreadCountQuery = graphql(`
  query UnreadCount {
    unreadNotificationCount
  }
`);

/** Types without an `id`: embedded in their parent (null), or keyed by another field. */
export const keys: NonNullable<CacheExchangeOpts['keys']> = {
  // One cart per signed-in customer; every Cart the API returns (myCart, CartPayload.cart) is that cart.
  Cart: () => 'mine',
  Wallet: (w) => (w.customerId as string | undefined) ?? null,
  PromoCode: (p) => (p.code as string | undefined) ?? null,
  NotificationPreferences: () => 'mine',
  Address: () => null,
  AuthPayload: () => null,
  CartLine: () => null,
  CartPayload: () => null,
  CategoryPayload: () => null,
  CategoryCount: () => null,
  CheckoutPayload: () => null,
  CheckoutQuote: () => null,
  CheckoutQuotePayload: () => null,
  CustomerConnection: () => null,
  CustomerEdge: () => null,
  CustomerOrderStats: () => null,
  CustomerPayload: () => null,
  ChangeEmailPayload: () => null,
  ChangePasswordPayload: () => null,
  ClosedWallet: (w) => (w.customerId as string | undefined) ?? null,
  ClosedWalletConnection: () => null,
  ClosedWalletEdge: () => null,
  DailyRevenue: () => null,
  DataExportPayload: () => null,
  DataExportSource: () => null,
  DeleteAccountPayload: () => null,
  DeleteCategoryPayload: () => null,
  Delivery: () => null,
  LinkedProvider: () => null,
  MarkAllReadPayload: () => null,
  Money: () => null,
  NotificationConnection: () => null,
  NotificationEdge: () => null,
  NotificationPayload: () => null,
  NotificationPreferencesPayload: () => null,
  OrderConnection: () => null,
  OrderEdge: () => null,
  OrderLine: () => null,
  OrderPayload: () => null,
  OrderStatusChange: () => null,
  OrderStatusEvent: () => null,
  PageInfo: () => null,
  PickupPointPayload: () => null,
  PriceBandCount: () => null,
  PrivacyRequestConnection: () => null,
  PrivacyRequestEdge: () => null,
  PrivacyRequestStep: () => null,
  ProductFacets: () => null,
  ProductSuggestion: (p) => (p.id as string | undefined) ?? null,
  ProductConnection: () => null,
  ProductEdge: () => null,
  ProductPayload: () => null,
  PromoCodePayload: () => null,
  ProviderSignInStartPayload: () => null,
  RequestPasswordResetPayload: () => null,
  ResendVerificationEmailPayload: () => null,
  Session: () => null,
  ShopOrderStats: () => null,
  SignInProvider: (p) => (p.id as string | undefined) ?? null,
  SignOutPayload: () => null,
  StatusCount: () => null,
  TaxLine: () => null,
  TopCustomer: () => null,
  TopUpPayload: () => null,
  UserError: () => null,
  VerifyEmailPayload: () => null,
  WalletAudit: () => null,
  WalletMismatch: () => null,
  WalletTransactionConnection: () => null,
  WalletTransactionEdge: () => null,
};

/** Invalidates every cached variant (all arguments) of a field, so the queries reading it fetch again. */
export function invalidateField(cache: Cache, entity: string, fieldName: string): void {
  for (const field of cache.inspectFields(entity)) {
    if (field.fieldName === fieldName) cache.invalidate(entity, field.fieldName, field.arguments ?? undefined);
  }
}

function payload(result: Fields, field: string): Record<string, unknown> | null {
  const value = result[field];
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}

function succeeded(result: Fields, field: string): boolean {
  const p = payload(result, field);
  return !!p && Array.isArray(p.userErrors) && p.userErrors.length === 0;
}

function adjustUnreadCount(cache: Cache, change: (count: number) => number): void {
  cache.updateQuery({ query: UnreadCountQuery }, (data) =>
    data ? { ...data, unreadNotificationCount: Math.max(0, change(data.unreadNotificationCount)) } : data,
  );
}

/** Order statuses after which the customer's wallet has changed (paid, refunded or given back). */
const WALLET_CHANGING_STATUSES = new Set(['PAID', 'CONFIRMED', 'CANCELLED', 'FAILED']);

export const updates: NonNullable<CacheExchangeOpts['updates']> = {
  Mutation: {
    checkout(result, _args, cache) {
      if (!succeeded(result, 'checkout')) return;
      invalidateField(cache, 'Query', 'myOrders');
      invalidateField(cache, 'Query', 'myCart');
      invalidateField(cache, 'Query', 'myOrderStats');
    },
    cancelOrder(result, _args, cache) {
      if (!succeeded(result, 'cancelOrder')) return;
      invalidateField(cache, 'Query', 'myOrderStats');
      invalidateField(cache, 'Query', 'orderStats');
    },
    advanceOrder(result, _args, cache) {
      if (!succeeded(result, 'advanceOrder')) return;
      invalidateField(cache, 'Query', 'orderStats');
    },
    topUpWallet(result, _args, cache) {
      const wallet = payload(result, 'topUpWallet')?.wallet as Data | null | undefined;
      if (!succeeded(result, 'topUpWallet') || !wallet) return;
      // The balance is updated by normalisation; the history gained an entry at its start.
      invalidateField(cache, cache.keyOfEntity(wallet) ?? '', 'transactions');
    },
    markNotificationRead(result, _args, cache) {
      if (!succeeded(result, 'markNotificationRead')) return;
      invalidateField(cache, 'Query', 'unreadNotificationCount');
      invalidateField(cache, 'Query', 'myNotifications');
    },
    markAllNotificationsRead(result, _args, cache) {
      if (!succeeded(result, 'markAllNotificationsRead')) return;
      adjustUnreadCount(cache, () => 0);
      invalidateField(cache, 'Query', 'myNotifications');
    },
    createProduct(result, _args, cache) {
      if (succeeded(result, 'createProduct')) invalidateField(cache, 'Query', 'products');
    },
    updateProduct(result, _args, cache) {
      if (succeeded(result, 'updateProduct')) invalidateField(cache, 'Query', 'products');
    },
    deleteProduct(result, _args, cache) {
      if (succeeded(result, 'deleteProduct')) invalidateField(cache, 'Query', 'products');
    },
    adjustStock(result, _args, cache) {
      if (succeeded(result, 'adjustStock')) invalidateField(cache, 'Query', 'products');
    },
    createCategory(result, _args, cache) {
      if (succeeded(result, 'createCategory')) invalidateField(cache, 'Query', 'categories');
    },
    updateCategory(result, _args, cache) {
      // renamed: the list is ordered by name
      if (succeeded(result, 'updateCategory')) invalidateField(cache, 'Query', 'categories');
    },
    deleteCategory(result, _args, cache) {
      if (succeeded(result, 'deleteCategory')) invalidateField(cache, 'Query', 'categories');
    },
    createPickupPoint(result, _args, cache) {
      if (succeeded(result, 'createPickupPoint')) invalidateField(cache, 'Query', 'pickupPoints');
    },
    createPromoCode(result, _args, cache) {
      if (succeeded(result, 'createPromoCode')) invalidateField(cache, 'Query', 'promoCodes');
    },
  },
  Subscription: {
    orderStatusChanged(result, _args, cache) {
      // The order itself (status, history) is normalised by id; what derives from it is fetched again.
      const event = payload(result, 'orderStatusChanged');
      invalidateField(cache, 'Query', 'myOrderStats');
      invalidateField(cache, 'Query', 'orderStats');
      if (event && WALLET_CHANGING_STATUSES.has(String(event.status))) invalidateField(cache, 'Query', 'myWallet');
    },
    notificationAdded(result, _args, cache) {
      const notification = payload(result, 'notificationAdded');
      if (!notification) return;
      if (notification.read !== true) adjustUnreadCount(cache, (n) => n + 1);
      invalidateField(cache, 'Query', 'myNotifications');
      if (String(notification.kind).startsWith('WALLET_')) invalidateField(cache, 'Query', 'myWallet');
    },
  },
};

export function shopCacheExchange(): Exchange {
  return cacheExchange({ schema, keys, updates });
}
