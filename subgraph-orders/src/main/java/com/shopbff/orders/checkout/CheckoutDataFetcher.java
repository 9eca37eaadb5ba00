package com.shopbff.orders.checkout;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.orders.generated.DgsConstants;
import com.shopbff.orders.generated.types.AdvanceOrderInput;
import com.shopbff.orders.generated.types.CancelOrderInput;
import com.shopbff.orders.generated.types.CheckoutInput;
import com.shopbff.orders.generated.types.CheckoutPayload;
import com.shopbff.orders.generated.types.CheckoutQuote;
import com.shopbff.orders.generated.types.CheckoutQuoteInput;
import com.shopbff.orders.generated.types.CheckoutQuotePayload;
import com.shopbff.orders.config.ShopCurrency;
import com.shopbff.orders.pricing.PriceBreakdown;
import com.shopbff.orders.generated.types.OrderPayload;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.order.OrderViews;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;
import java.util.Optional;

import static com.shopbff.orders.graphql.Payloads.money;
import static com.shopbff.orders.graphql.Payloads.userError;

/** checkoutQuote, and the mutations that drive an order through the saga: checkout, cancelOrder, advanceOrder. */
@DgsComponent
public class CheckoutDataFetcher {
    private final OrderStore store;
    private final CheckoutService checkout;
    private final CheckoutSaga saga;
    private final ShopCurrency currency;

    public CheckoutDataFetcher(OrderStore store, CheckoutService checkout, CheckoutSaga saga, ShopCurrency currency) {
        this.store = store;
        this.checkout = checkout;
        this.saga = saga;
        this.currency = currency;
    }

    @DgsQuery(field = DgsConstants.QUERY.CheckoutQuote)
    public CheckoutQuotePayload checkoutQuote(@InputArgument(name = "input") CheckoutQuoteInput input, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        CheckoutService.QuoteResult result = checkout.quote(me, input);
        CheckoutService.Quote q = result.quote();
        if (q == null) return CheckoutQuotePayload.newBuilder().quote(null).userErrors(result.userErrors()).build();
        PriceBreakdown p = q.price();
        String c = currency.code();
        return CheckoutQuotePayload.newBuilder().userErrors(result.userErrors()).quote(CheckoutQuote.newBuilder()
                .lines(OrderViews.lines(q.lines(), c))
                .subtotal(money(p.subtotalMinor(), c)).deliveryFee(money(p.deliveryFeeMinor(), c)).discount(money(p.discountMinor(), c))
                .promoCode(q.promoCode())
                .taxes(p.taxes().stream().map(t -> OrderViews.taxLine(t.taxClass(), t.rate(), t.taxableMinor(), t.amountMinor(), c)).toList())
                .taxTotal(money(p.taxTotalMinor(), c)).pricesIncludeTax(p.pricesIncludeTax()).total(money(p.totalMinor(), c))
                .country(q.country())
                .build()).build();
    }

    @DgsMutation(field = DgsConstants.MUTATION.Checkout)
    public CheckoutPayload checkout(@InputArgument(name = "input") CheckoutInput input, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        CheckoutService.Result result = checkout.checkout(me, input);
        return CheckoutPayload.newBuilder().order(result.order() == null ? null : OrderViews.view(result.order()))
                .userErrors(result.userErrors()).build();
    }

    @DgsMutation(field = DgsConstants.MUTATION.CancelOrder)
    public OrderPayload cancelOrder(@InputArgument(name = "input") CancelOrderInput input, DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        Optional<OrderDocument> order = store.find(input.getId());
        if (order.isEmpty() || !OrderViews.visibleTo(viewer, order.get()))
            return refused("ORDER_NOT_FOUND", "no such order", null);
        if (input.getReason() != null && input.getReason().length() > 500)
            return refused("INVALID_REASON", "reason must be at most 500 characters", null, "input", "reason");
        return payload(saga.cancel(input.getId(), viewer.isAdmin(),
                input.getReason()), "id");
    }

    @DgsMutation(field = DgsConstants.MUTATION.AdvanceOrder)
    public OrderPayload advanceOrder(@InputArgument(name = "input") AdvanceOrderInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        if (store.find(input.getId()).isEmpty()) return refused("ORDER_NOT_FOUND", "no such order", null);
        return payload(saga.advance(input.getId(), input.getStatus()), "status");
    }

    private static OrderPayload payload(CheckoutSaga.Outcome outcome, String field) {
        if (outcome.refused()) return refused(outcome.errorCode(), outcome.message(), outcome.order(), "input", field);
        return OrderPayload.newBuilder().order(OrderViews.view(outcome.order())).userErrors(List.of()).build();
    }

    private static OrderPayload refused(String code, String message, OrderDocument order, String... field) {
        return OrderPayload.newBuilder().order(order == null ? null : OrderViews.view(order))
                .userErrors(List.of(userError(code, message, field.length == 0 ? new String[]{"input", "id"} : field))).build();
    }
}
