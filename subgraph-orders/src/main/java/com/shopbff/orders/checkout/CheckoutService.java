package com.shopbff.orders.checkout;

import com.shopbff.orders.cart.CartDocument;
import com.shopbff.orders.cart.CartService;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderNumbers;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.config.ShopCurrency;
import com.shopbff.orders.generated.types.CheckoutInput;
import com.shopbff.orders.generated.types.CheckoutQuoteInput;
import com.shopbff.orders.generated.types.DeliveryAddressInput;
import com.shopbff.orders.generated.types.DeliveryInput;
import com.shopbff.orders.generated.types.DeliveryMethod;
import com.shopbff.orders.generated.types.UserError;
import com.shopbff.orders.pricing.PriceBreakdown;
import com.shopbff.orders.pricing.PriceCalculator;
import com.shopbff.orders.pricing.PricingPolicy;
import com.shopbff.orders.projection.ProductView;
import com.shopbff.orders.projection.Projections;
import com.shopbff.orders.promo.PromoCodeDocument;
import com.shopbff.orders.promo.PromoCodeService;
import com.shopbff.orders.checkout.CheckoutSaga;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.shopbff.orders.graphql.Payloads.userError;

/**
 * Places an order from the cart: prices from the catalog projection, delivery fee, promo discount and taxes
 * ({@link PriceCalculator}), a number, and hands it to the saga in PENDING; {@link #quote} prices the same way without
 * placing anything. The order id is derived from (customer, idempotency key), so a retried checkout
 * finds the order it placed instead of placing another.
 */
@Service
public class CheckoutService {
    private final CartService carts;
    private final Projections projections;
    private final PromoCodeService promos;
    private final OrderNumbers numbers;
    private final OrderStore store;
    private final CheckoutSaga saga;
    private final String currency;
    private final PriceCalculator calculator;
    private final boolean requireVerifiedEmail;

    public CheckoutService(CartService carts, Projections projections, PromoCodeService promos, OrderNumbers numbers,
                           OrderStore store, CheckoutSaga saga, ShopCurrency currency, PriceCalculator calculator,
                           @org.springframework.beans.factory.annotation.Value("${shop.orders.require-verified-email:true}") boolean requireVerifiedEmail) {
        this.requireVerifiedEmail = requireVerifiedEmail;
        this.carts = carts;
        this.projections = projections;
        this.promos = promos;
        this.numbers = numbers;
        this.store = store;
        this.saga = saga;
        this.currency = currency.code();
        this.calculator = calculator;
    }

    public record Result(OrderDocument order, List<UserError> userErrors) {
        static Result refused(UserError... errors) {
            return new Result(null, List.of(errors));
        }
    }

    public static String orderId(String customerId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((customerId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A priced cart: what {@link #quote} shows and {@link #checkout} charges. */
    public record Quote(List<OrderDocument.Line> lines, PriceBreakdown price, String promoCode, String country,
                        List<UserError> userErrors) {}

    /** What a quote came to: the quote (null when the cart cannot be priced) and the user errors. */
    public record QuoteResult(Quote quote, List<UserError> userErrors) {}

    /**
     * Prices the cart as checkout would, with no side effect. A refused promo code or a line above the projection's
     * stock keeps the quote (without the discount) and adds a user error; an empty cart or a bad delivery gives none.
     */
    public QuoteResult quote(String customerId, CheckoutQuoteInput input) {
        CartDocument cart = carts.cart(customerId);
        if (cart.lines().isEmpty()) return new QuoteResult(null, List.of(userError("CART_EMPTY", "the cart is empty", "input")));
        Object delivery = delivery(customerId, input.getDelivery());
        if (delivery instanceof UserError error) return new QuoteResult(null, List.of(error));
        Object priced = price(cart, (OrderDocument.Delivery) delivery);
        if (priced instanceof UserError error) return new QuoteResult(null, List.of(error));
        Priced goods = (Priced) priced;

        List<UserError> errors = new ArrayList<>(goods.shortages());
        PromoCodeDocument promo = null;
        String code = input.getPromoCode();
        if (code != null && !code.isBlank()) {
            promo = promos.valid(code).orElse(null);
            if (promo == null) errors.add(userError("PROMO_CODE_INVALID", "unknown or expired promo code", "input", "promoCode"));
            else if (promo.usageLimit() != null && promo.remainingUses() != null && promo.remainingUses() <= 0) {
                errors.add(userError("PROMO_CODE_EXHAUSTED", "this promo code has been used up", "input", "promoCode"));
                promo = null;
            }
        }
        Quote quote = goods.quote(calculator, promo, (OrderDocument.Delivery) delivery, List.copyOf(errors));
        return new QuoteResult(quote, quote.userErrors());
    }

    public Result checkout(String customerId, CheckoutInput input) {
        String key = input.getIdempotencyKey() == null ? "" : input.getIdempotencyKey().strip();
        if (key.isEmpty() || key.length() > 200)
            return Result.refused(userError("INVALID_IDEMPOTENCY_KEY", "idempotencyKey must be 1 to 200 characters", "input", "idempotencyKey"));
        String id = orderId(customerId, key);
        Optional<OrderDocument> placed = store.find(id);
        if (placed.isPresent()) return new Result(placed.get(), List.of());

        CartDocument cart = carts.cart(customerId);
        if (cart.lines().isEmpty()) return Result.refused(userError("CART_EMPTY", "the cart is empty", "input"));
        if (requireVerifiedEmail && projections.emailVerified(customerId).filter(verified -> !verified).isPresent()) {
            return Result.refused(userError("EMAIL_NOT_VERIFIED",
                    "confirm your email address first: open the link we emailed you (or ask for a new one)", "input"));
        }

        Object delivery = delivery(customerId, input.getDelivery());
        if (delivery instanceof UserError error) return Result.refused(error);
        OrderDocument.Delivery where = (OrderDocument.Delivery) delivery;
        Object priced = price(cart, where);
        if (priced instanceof UserError error) return Result.refused(error);
        Priced goods = (Priced) priced;

        PromoCodeDocument promo = null;
        if (input.getPromoCode() != null && !input.getPromoCode().isBlank()) {
            promo = promos.valid(input.getPromoCode()).orElse(null);
            if (promo == null) return Result.refused(userError("PROMO_CODE_INVALID", "unknown or expired promo code", "input", "promoCode"));
            if (!promos.claim(promo)) return Result.refused(userError("PROMO_CODE_EXHAUSTED", "this promo code has been used up", "input", "promoCode"));
        }
        Quote quote = goods.quote(calculator, promo, where, List.of());
        PriceBreakdown price = quote.price();
        OrderDocument.Taxes taxes = new OrderDocument.Taxes(price.taxes().stream()
                .map(t -> new OrderDocument.TaxLine(t.taxClass(), t.rate(), t.taxableMinor(), t.amountMinor())).toList(),
                price.taxTotalMinor(), price.pricesIncludeTax());

        OrderDocument draft = new OrderDocument(id, numbers.next(store.now()), customerId, key, null, 0, quote.lines(),
                price.subtotalMinor(), price.deliveryFeeMinor(), price.discountMinor(), price.totalMinor(), currency, where,
                promo == null ? null : promo.code(), null, null, List.of(), null, false, null, OrderDocument.StockHold.NONE,
                null, null, null, false, List.of(), taxes, cart.version());
        try {
            OrderDocument order = saga.start(draft);
            // Emptied now; given back by the saga if the order FAILs (CheckoutConfiguration).
            carts.clearIfUnchanged(cart);
            return new Result(order, List.of());
        } catch (DuplicateKeyException retried) {
            // A concurrent retry with the same key placed it first.
            if (promo != null) promos.unclaim(promo);
            return new Result(store.find(id).orElseThrow(), List.of());
        }
    }

    /** The cart's lines at the projection's prices, their tax classes, and the lines above the known stock. */
    private record Priced(List<OrderDocument.Line> lines, List<PriceCalculator.Goods> goods, List<UserError> shortages) {
        Quote quote(PriceCalculator calculator, PromoCodeDocument promo, OrderDocument.Delivery where, List<UserError> errors) {
            long subtotal = lines.stream().mapToLong(OrderDocument.Line::lineTotalMinor).sum();
            long discount = promo == null ? 0 : promo.discountOn(subtotal);
            String country = PricingPolicy.normaliseCountry(where.address() == null ? null : where.address().country());
            PriceBreakdown price = calculator.price(goods, country,
                    where.method() == DeliveryMethod.PICKUP ? PriceCalculator.Destination.PICKUP : PriceCalculator.Destination.ADDRESS,
                    discount);
            return new Quote(lines, price, promo == null ? null : promo.code(), country, errors);
        }
    }

    private Object price(CartDocument cart, OrderDocument.Delivery where) {
        Map<String, ProductView> products = projections.products(cart.lines().stream().map(CartDocument.Line::productId).toList())
                .stream().collect(Collectors.toMap(ProductView::id, Function.identity()));
        List<OrderDocument.Line> lines = new ArrayList<>();
        List<PriceCalculator.Goods> goods = new ArrayList<>();
        List<UserError> shortages = new ArrayList<>();
        for (CartDocument.Line line : cart.lines()) {
            ProductView p = products.get(line.productId());
            if (p == null || !p.active())
                return userError("PRODUCT_UNAVAILABLE", "a product in the cart is no longer on sale: "
                        + (p == null ? line.productId() : p.name()), "input");
            OrderDocument.Line priced = new OrderDocument.Line(p.id(), p.name(), line.quantity(), p.priceMinor());
            lines.add(priced);
            goods.add(new PriceCalculator.Goods(priced.lineTotalMinor(), p.taxClass()));
            if (line.quantity() > p.stock())
                shortages.add(userError("INSUFFICIENT_STOCK", p.name() + ": " + line.quantity() + " in the cart, "
                        + Math.max(0, p.stock()) + " available", "input", "lines", p.id()));
        }
        return new Priced(List.copyOf(lines), List.copyOf(goods), List.copyOf(shortages));
    }

    /** The delivery for exactly one of address, addressId or pickupPointId; a UserError otherwise. */
    private Object delivery(String customerId, DeliveryInput d) {
        int given = d == null ? 0 : (d.getAddress() != null ? 1 : 0) + (d.getAddressId() != null ? 1 : 0) + (d.getPickupPointId() != null ? 1 : 0);
        if (given != 1) return userError("INVALID_DELIVERY", "give exactly one of address, addressId or pickupPointId", "input", "delivery");
        if (d.getAddress() != null) {
            DeliveryAddressInput a = d.getAddress();
            for (var field : List.of(Map.entry("line1", nz(a.getLine1())), Map.entry("city", nz(a.getCity())),
                    Map.entry("postalCode", nz(a.getPostalCode())), Map.entry("country", nz(a.getCountry())))) {
                if (field.getValue().isBlank() || field.getValue().length() > 200)
                    return userError("INVALID_ADDRESS", field.getKey() + " must be 1 to 200 characters", "input", "delivery", "address", field.getKey());
            }
            return new OrderDocument.Delivery(DeliveryMethod.ADDRESS, new OrderDocument.DeliveryAddress(a.getLine1().strip(),
                    a.getLine2() == null || a.getLine2().isBlank() ? null : a.getLine2().strip(), a.getCity().strip(),
                    a.getPostalCode().strip(), a.getCountry().strip()), null, null);
        }
        if (d.getAddressId() != null) {
            return projections.savedAddressWaiting(customerId, d.getAddressId())
                    .<Object>map(a -> new OrderDocument.Delivery(DeliveryMethod.ADDRESS,
                            new OrderDocument.DeliveryAddress(a.line1(), a.line2(), a.city(), a.postalCode(), a.country()), null, null))
                    .orElseGet(() -> userError("ADDRESS_NOT_FOUND", "no saved address with this id", "input", "delivery", "addressId"));
        }
        return projections.activePickupPointWaiting(d.getPickupPointId())
                .<Object>map(p -> new OrderDocument.Delivery(DeliveryMethod.PICKUP,
                        new OrderDocument.DeliveryAddress(p.line1(), p.line2(), p.city(), p.postalCode(), p.country()), p.id(), p.name()))
                .orElseGet(() -> userError("PICKUP_POINT_NOT_FOUND", "no open pickup point with this id", "input", "delivery", "pickupPointId"));
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
