package com.shopbff.notifications.notification;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.OrderEvent.OrderStatusChanged;
import com.shopbff.contracts.WalletEvent;
import com.shopbff.support.money.MoneyFormat;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where events become notification texts: one template per event type, with the order number and
 * amounts filled in. The kind names are the contract of {@code emailDisabledKinds} in the preferences.
 */
public final class NotificationTemplates {
    private NotificationTemplates() {}

    public static final String WELCOME = "WELCOME";
    public static final String WALLET_TOPPED_UP = "WALLET_TOPPED_UP";
    public static final String WALLET_CHARGED = "WALLET_CHARGED";
    public static final String WALLET_REFUNDED = "WALLET_REFUNDED";
    /** Order kinds are {@code ORDER_<status>}; a status this build does not know yet gets this kind. */
    public static final String ORDER_STATUS_CHANGED = "ORDER_STATUS_CHANGED";

    /** Order statuses a customer hears about; PENDING, RESERVED and PAID are saga steps seconds apart, so they stay silent. */
    private static final Set<String> NOTIFIED_ORDER_STATUSES = Set.of("CONFIRMED", "ASSEMBLING", "OUT_FOR_DELIVERY",
            "READY_FOR_PICKUP", "DELIVERED", "PICKED_UP", "CANCELLED", "FAILED");
    private static final Set<String> SILENT_ORDER_STATUSES = Set.of("PENDING", "RESERVED", "PAID");

    /** Every kind a notification can have. */
    public static final Set<String> KINDS;

    static {
        Set<String> kinds = new LinkedHashSet<>();
        kinds.add(WELCOME);
        NOTIFIED_ORDER_STATUSES.stream().sorted().forEach(s -> kinds.add("ORDER_" + s));
        kinds.add(ORDER_STATUS_CHANGED);
        kinds.add(WALLET_TOPPED_UP);
        kinds.add(WALLET_CHARGED);
        kinds.add(WALLET_REFUNDED);
        KINDS = Set.copyOf(kinds);
    }

    /** The notification an event makes, or empty for events customers are not told about. */
    public static Optional<NotificationDraft> render(Message message) {
        return switch (message) {
            case OrderStatusChanged e -> order(e);
            case WalletEvent.WalletToppedUp e -> Optional.of(new NotificationDraft(e.customerId(), WALLET_TOPPED_UP,
                    "Wallet topped up",
                    "%s was added to your wallet. Your balance is now %s."
                            .formatted(money(e.amountMinor(), e.currency()), money(e.balanceMinor(), e.currency())),
                    null));
            case WalletEvent.WalletCharged e -> Optional.of(new NotificationDraft(e.customerId(), WALLET_CHARGED,
                    "Payment of " + money(e.amountMinor(), e.currency()),
                    "%s was paid from your wallet for your order. Your balance is now %s."
                            .formatted(money(e.amountMinor(), e.currency()), money(e.balanceMinor(), e.currency())),
                    e.orderId()));
            case WalletEvent.WalletCredited e -> Optional.of(new NotificationDraft(e.customerId(), WALLET_REFUNDED,
                    "Refund of " + money(e.amountMinor(), e.currency()),
                    "%s for your order is back in your wallet. Your balance is now %s."
                            .formatted(money(e.amountMinor(), e.currency()), money(e.balanceMinor(), e.currency())),
                    e.orderId()));
            case CustomerEvent.CustomerRegistered e -> Optional.of(new NotificationDraft(e.customerId(), WELCOME,
                    e.name() == null || e.name().isBlank() ? "Welcome!" : "Welcome, " + e.name() + "!",
                    "Your account is ready. Top up your wallet and we will keep you posted on every order here.",
                    null));
            default -> Optional.empty();
        };
    }

    private static Optional<NotificationDraft> order(OrderStatusChanged e) {
        if (e.customerId() == null || SILENT_ORDER_STATUSES.contains(e.status())) return Optional.empty();
        String n = e.orderNumber() == null ? e.orderId() : e.orderNumber();
        String total = money(e.totalMinor(), e.currency());
        String reason = e.reason() == null || e.reason().isBlank() ? "" : " Reason: " + e.reason() + ".";
        String[] text = switch (e.status()) {
            case "CONFIRMED" -> new String[]{"Order " + n + " is confirmed",
                    "We received your payment of " + total + " and are preparing order " + n + "."};
            case "ASSEMBLING" -> new String[]{"Order " + n + " is being assembled", "We are packing order " + n + " (" + total + ")."};
            case "OUT_FOR_DELIVERY" -> new String[]{"Order " + n + " is out for delivery", "Order " + n + " is on its way to you."};
            case "READY_FOR_PICKUP" -> new String[]{"Order " + n + " is ready for pickup", "Order " + n + " is waiting for you at your pickup point."};
            case "DELIVERED" -> new String[]{"Order " + n + " was delivered", "Order " + n + " (" + total + ") was delivered. Enjoy!"};
            case "PICKED_UP" -> new String[]{"Order " + n + " was picked up", "You picked up order " + n + " (" + total + "). Enjoy!"};
            case "CANCELLED" -> new String[]{"Order " + n + " was cancelled",
                    "Order " + n + " (" + total + ") was cancelled." + reason + " Any payment is refunded to your wallet."};
            case "FAILED" -> new String[]{"Order " + n + " could not be placed",
                    "We could not complete order " + n + " (" + total + ")." + reason + " Any payment is refunded to your wallet."};
            default -> new String[]{"Order " + n + " is now " + e.status(), "The status of order " + n + " changed to " + e.status() + "."};
        };
        String kind = NOTIFIED_ORDER_STATUSES.contains(e.status()) ? "ORDER_" + e.status() : ORDER_STATUS_CHANGED;
        return Optional.of(new NotificationDraft(e.customerId(), kind, text[0], text[1], e.orderId()));
    }

    private static String money(long minor, String currency) {
        return MoneyFormat.format(minor) + " " + currency;
    }
}
