package com.shopbff.contracts;

/** Kafka topic names; see the table in ARCHITECTURE.md. */
public final class Topics {
    private Topics() {}

    /**
     * Key customerId: CustomerRegistered, CustomerDeleted, AddressBookChanged, EmailVerified, AccountEmailRequested,
     * DataExportRequested.
     */
    public static final String CUSTOMER_EVENTS = "customer.events";
    /** Key productId: ProductChanged, StockChanged. */
    public static final String CATALOG_EVENTS = "catalog.events";
    /** Key orderId: ReserveStock, ReleaseStock, CommitStock, ReturnStock. */
    public static final String CATALOG_COMMANDS = "catalog.commands";
    /** Key orderId: DebitWallet, RefundWallet. */
    public static final String WALLET_COMMANDS = "wallet.commands";
    /** Key orderId: StockReserved, StockRejected, WalletDebited, PaymentDeclined, WalletRefunded. */
    public static final String ORDER_SAGA_REPLIES = "order.saga-replies";
    /** Key customerId: WalletToppedUp, WalletDebited, WalletRefunded. */
    public static final String WALLET_EVENTS = "wallet.events";
    /** Key orderId: OrderStatusChanged. */
    public static final String ORDER_EVENTS = "order.events";
    /** Key customerId: NotificationCreated (notifications subgraph to all of its instances, for live push). */
    public static final String NOTIFICATION_EVENTS = "notification.events";

    /**
     * Key subject (customerId): AccessRevoked. Read whole by every router and subgraph instance (no consumer group),
     * from one access-token lifetime back; a short retention (a day) is plenty.
     */
    public static final String SESSION_REVOCATIONS = "session.revocations";
    /** Key customerId: DataExportPart, ErasureCompleted (subgraphs to the customer subgraph). */
    public static final String PRIVACY_REPLIES = "privacy.replies";

    public static final java.util.List<String> ALL = java.util.List.of(
            CUSTOMER_EVENTS, CATALOG_EVENTS, CATALOG_COMMANDS, WALLET_COMMANDS, ORDER_SAGA_REPLIES, WALLET_EVENTS, ORDER_EVENTS,
            NOTIFICATION_EVENTS, SESSION_REVOCATIONS, PRIVACY_REPLIES);
}
