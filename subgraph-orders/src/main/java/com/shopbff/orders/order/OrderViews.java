package com.shopbff.orders.order;

import com.shopbff.support.auth.Viewer;
import com.shopbff.orders.generated.types.Address;
import com.shopbff.orders.generated.types.Customer;
import com.shopbff.orders.generated.types.Delivery;
import com.shopbff.orders.generated.types.Order;
import com.shopbff.orders.generated.types.OrderConnection;
import com.shopbff.orders.generated.types.OrderEdge;
import com.shopbff.orders.generated.types.OrderLine;
import com.shopbff.orders.generated.types.TaxLine;
import com.shopbff.orders.generated.types.OrderStatusChange;
import com.shopbff.orders.generated.types.PageInfo;
import com.shopbff.orders.generated.types.Product;
import com.shopbff.support.paging.Cursors;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.shopbff.orders.graphql.Payloads.money;

/**
 * Order documents as API objects. {@code customer} and {@code lines.product} are references ({id} only) that the
 * router resolves in the customer and catalog subgraphs.
 */
public final class OrderViews {
    private OrderViews() {}

    public static Order view(OrderDocument o) {
        String c = o.currency();
        var delivery = o.delivery();
        var a = delivery == null ? null : delivery.address();
        return Order.newBuilder()
                .id(o.id()).number(o.number())
                .customer(Customer.newBuilder().id(o.customerId()).build())
                .status(o.status())
                .lines(lines(o.lines(), c))
                .subtotal(money(o.subtotalMinor(), c)).deliveryFee(money(o.deliveryFeeMinor(), c))
                .discount(money(o.discountMinor(), c)).total(money(o.totalMinor(), c))
                .taxes(o.taxes() == null ? List.of() : o.taxes().lines().stream()
                        .map(t -> taxLine(t.taxClass(), t.rate(), t.taxableMinor(), t.amountMinor(), c)).toList())
                .taxTotal(money(o.taxes() == null ? 0 : o.taxes().totalMinor(), c))
                // Orders placed before taxes were charged what the catalog showed: tax-inclusive prices.
                .pricesIncludeTax(o.taxes() == null || o.taxes().pricesIncluded())
                .delivery(Delivery.newBuilder().method(delivery == null ? null : delivery.method())
                        .pickupPointId(delivery == null ? null : delivery.pickupPointId())
                        .address(a == null ? null : Address.newBuilder().line1(a.line1()).line2(a.line2()).city(a.city())
                                .postalCode(a.postalCode()).country(a.country()).build())
                        .build())
                .statusHistory(o.statusHistory().stream().map(h -> OrderStatusChange.newBuilder()
                        .status(h.status()).at(time(h.at())).reason(h.reason()).build()).toList())
                .placedAt(time(o.placedAt()))
                .failureReason(o.failureReason())
                .estimatedAssemblyAt(time(o.estimatedAssemblyAt()))
                .estimatedDeliveryAt(time(o.estimatedDeliveryAt()))
                .build();
    }

    public static List<OrderLine> lines(List<OrderDocument.Line> lines, String currency) {
        return lines.stream().map(l -> OrderLine.newBuilder()
                .product(Product.newBuilder().id(l.productId()).build()).productName(l.productName())
                .quantity(l.quantity()).unitPrice(money(l.unitPriceMinor(), currency)).lineTotal(money(l.lineTotalMinor(), currency))
                .build()).toList();
    }

    public static TaxLine taxLine(String taxClass, String rate, long taxableMinor, long amountMinor, String currency) {
        return TaxLine.newBuilder().taxClass(taxClass).rate(rate).taxableAmount(money(taxableMinor, currency))
                .amount(money(amountMinor, currency)).build();
    }

    public static OffsetDateTime time(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** A page of orders; cursors carry the offset of the edge (orders are listed newest first). */
    public static OrderConnection connection(List<OrderDocument> page, long offset, int pageSize, long totalCount) {
        List<OrderEdge> edges = new ArrayList<>();
        for (int i = 0; i < page.size() && i < pageSize; i++) {
            edges.add(OrderEdge.newBuilder().cursor(Cursors.encode("o:" + (offset + i))).node(view(page.get(i))).build());
        }
        return OrderConnection.newBuilder().edges(edges).totalCount((int) totalCount)
                .pageInfo(PageInfo.newBuilder().hasNextPage(offset + edges.size() < totalCount)
                        .endCursor(edges.isEmpty() ? null : edges.getLast().getCursor()).build())
                .build();
    }

    /** The offset after {@code after}, 0 when absent. */
    public static long offsetAfter(String after) {
        if (after == null) return 0;
        String raw = Cursors.decode(after);
        if (!raw.startsWith("o:")) throw com.shopbff.support.errors.ShopGraphQLException.badInput("invalid cursor");
        try {
            long at = Long.parseLong(raw.substring(2));
            if (at < 0) throw com.shopbff.support.errors.ShopGraphQLException.badInput("invalid cursor");
            return at + 1;
        } catch (NumberFormatException e) {
            throw com.shopbff.support.errors.ShopGraphQLException.badInput("invalid cursor");
        }
    }

    /** The owner or ADMIN may see an order; anyone else learns nothing from its id. */
    public static boolean visibleTo(Viewer viewer, OrderDocument order) {
        return viewer.isAuthenticated() && (viewer.isAdmin() || viewer.customerId().equals(order.customerId()));
    }
}
