package com.shopbff.contracts;

import java.util.Map;
import java.util.Optional;

/** The envelope's {@code type} names and the records they decode to. One place, so producers and consumers agree. */
public final class MessageTypes {
    private MessageTypes() {}

    private static final Map<String, Class<? extends Message>> TYPES = Map.ofEntries(
            entry(CustomerEvent.CustomerRegistered.class),
            entry(CustomerEvent.CustomerDeleted.class),
            entry(CustomerEvent.AddressBookChanged.class),
            entry(CustomerEvent.EmailVerified.class),
            entry(CustomerEvent.AccountEmailRequested.class),
            entry(CustomerEvent.DataExportRequested.class),
            entry(SessionEvent.AccessRevoked.class),
            entry(PrivacyReply.DataExportPart.class),
            entry(PrivacyReply.ErasureCompleted.class),
            entry(CatalogEvent.ProductChanged.class),
            entry(CatalogEvent.StockChanged.class),
            entry(CatalogEvent.PickupPointChanged.class),
            entry(CatalogCommand.ReserveStock.class),
            entry(CatalogCommand.ReleaseStock.class),
            entry(CatalogCommand.CommitStock.class),
            entry(CatalogCommand.ReturnStock.class),
            entry(WalletCommand.DebitWallet.class),
            entry(WalletCommand.RefundWallet.class),
            entry(SagaReply.StockReserved.class),
            entry(SagaReply.StockRejected.class),
            entry(SagaReply.WalletDebited.class),
            entry(SagaReply.PaymentDeclined.class),
            entry(SagaReply.WalletRefunded.class),
            entry(WalletEvent.WalletToppedUp.class),
            entry(WalletEvent.WalletCharged.class),
            entry(WalletEvent.WalletCredited.class),
            entry(OrderEvent.OrderStatusChanged.class),
            entry(NotificationEvent.NotificationCreated.class));

    private static Map.Entry<String, Class<? extends Message>> entry(Class<? extends Message> type) {
        return Map.entry(type.getSimpleName(), type);
    }

    public static String typeOf(Message message) {
        return message.getClass().getSimpleName();
    }

    public static Optional<Class<? extends Message>> classOf(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    public static Map<String, Class<? extends Message>> all() {
        return TYPES;
    }
}
