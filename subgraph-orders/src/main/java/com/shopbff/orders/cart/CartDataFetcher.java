package com.shopbff.orders.cart;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.orders.config.ShopCurrency;
import com.shopbff.orders.generated.DgsConstants;
import com.shopbff.orders.generated.types.Cart;
import com.shopbff.orders.generated.types.CartLine;
import com.shopbff.orders.generated.types.CartLineInput;
import com.shopbff.orders.generated.types.CartPayload;
import com.shopbff.orders.generated.types.Product;
import com.shopbff.orders.projection.ProductView;
import com.shopbff.orders.projection.Projections;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import com.shopbff.support.errors.ShopGraphQLException;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static com.shopbff.orders.graphql.Payloads.money;
import static com.shopbff.orders.graphql.Payloads.userError;

/** myCart and the cart mutations; prices come from the catalog projection at read time. */
@DgsComponent
public class CartDataFetcher {
    private final CartService carts;
    private final Projections projections;
    private final ShopCurrency currency;

    public CartDataFetcher(CartService carts, Projections projections, ShopCurrency currency) {
        this.carts = carts;
        this.projections = projections;
        this.currency = currency;
    }

    @DgsQuery(field = DgsConstants.QUERY.MyCart)
    public Cart myCart(DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return view(carts.cart(me));
    }

    @DgsQuery(field = DgsConstants.QUERY.GuestCart)
    public Cart guestCart(@InputArgument(name = "cartToken") String cartToken, DataFetchingEnvironment env) {
        Auth.viewer(env);
        return GuestCartTokens.cartIdOf(cartToken).flatMap(carts::guestCart).map(this::view).orElse(null);
    }

    @DgsMutation(field = DgsConstants.MUTATION.AddToCart)
    public CartPayload addToCart(@InputArgument(name = "input") CartLineInput input, DataFetchingEnvironment env) {
        return change(env, input.getCartToken(), true, id -> carts.add(id, input.getProductId(), input.getQuantity()));
    }

    @DgsMutation(field = DgsConstants.MUTATION.UpdateCartLine)
    public CartPayload updateCartLine(@InputArgument(name = "input") CartLineInput input, DataFetchingEnvironment env) {
        return change(env, input.getCartToken(), false, id -> carts.update(id, input.getProductId(), input.getQuantity()));
    }

    @DgsMutation(field = DgsConstants.MUTATION.RemoveFromCart)
    public CartPayload removeFromCart(@InputArgument(name = "productId") String productId,
                                      @InputArgument(name = "cartToken") String cartToken, DataFetchingEnvironment env) {
        return change(env, cartToken, false, id -> carts.remove(id, productId));
    }

    @DgsMutation(field = DgsConstants.MUTATION.ClearCart)
    public CartPayload clearCart(@InputArgument(name = "cartToken") String cartToken, DataFetchingEnvironment env) {
        return change(env, cartToken, false, carts::clear);
    }

    @DgsMutation(field = DgsConstants.MUTATION.MergeGuestCart)
    public CartPayload mergeGuestCart(@InputArgument(name = "cartToken") String cartToken, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        String guestId = GuestCartTokens.cartIdOf(cartToken).orElse(null);
        if (guestId == null) return refused(new CartService.CartRefused("CART_TOKEN_INVALID", "cartToken", "not a guest cart token"), false);
        try {
            CartService.Merged merged = carts.mergeGuest(me, guestId);
            return CartPayload.newBuilder().cart(view(merged.cart())).cartToken(null)
                    .userErrors(merged.adjustments().stream().map(a -> userError(a.code, a.getMessage(), a.field)).toList()).build();
        } catch (CartService.CartRefused refused) {
            return refused(refused, false);
        }
    }

    /**
     * The cart a call acts on: the signed-in customer's, or the guest cart of {@code cartToken}; an anonymous first
     * addToCart (no token) opens a new guest cart and answers its token.
     */
    private CartPayload change(DataFetchingEnvironment env, String cartToken, boolean mayOpen, Function<String, CartDocument> change) {
        Viewer viewer = Auth.viewer(env);
        if (viewer.isAuthenticated()) {
            if (cartToken != null)
                return refused(new CartService.CartRefused("CART_TOKEN_NOT_ALLOWED", "cartToken",
                        "signed in: your own cart is used; bring a guest cart into it with mergeGuestCart"), true);
            return apply(() -> change.apply(viewer.customerId()), null);
        }
        if (cartToken == null) {
            if (!mayOpen) throw ShopGraphQLException.unauthenticated("sign in, or pass the cartToken of your guest cart");
            String token = GuestCartTokens.issue();
            return apply(() -> change.apply(GuestCartTokens.cartIdOf(token).orElseThrow()), token);
        }
        String guestId = GuestCartTokens.cartIdOf(cartToken).filter(id -> carts.guestCart(id).isPresent()).orElse(null);
        if (guestId == null)
            return refused(new CartService.CartRefused("CART_TOKEN_INVALID", "cartToken", "unknown or expired guest cart: start a new one"), true);
        return apply(() -> change.apply(guestId), cartToken);
    }

    private CartPayload apply(Supplier<CartDocument> change, String cartToken) {
        try {
            return CartPayload.newBuilder().cart(view(change.get())).cartToken(cartToken).userErrors(List.of()).build();
        } catch (CartService.CartRefused refused) {
            return CartPayload.newBuilder().cart(null).cartToken(null)
                    .userErrors(List.of(userError(refused.code, refused.getMessage(), "input", refused.field))).build();
        }
    }

    private static CartPayload refused(CartService.CartRefused refused, boolean inInput) {
        return CartPayload.newBuilder().cart(null).cartToken(null).userErrors(List.of(inInput
                ? userError(refused.code, refused.getMessage(), "input", refused.field)
                : userError(refused.code, refused.getMessage(), refused.field))).build();
    }

    Cart view(CartDocument cart) {
        Map<String, ProductView> products = projections.products(cart.lines().stream().map(CartDocument.Line::productId).toList())
                .stream().collect(Collectors.toMap(ProductView::id, Function.identity()));
        long subtotal = 0;
        int items = 0;
        List<CartLine> lines = new java.util.ArrayList<>();
        for (CartDocument.Line line : cart.lines()) {
            ProductView p = products.get(line.productId());
            long unit = p == null ? 0 : p.priceMinor();
            subtotal += unit * line.quantity();
            items += line.quantity();
            lines.add(CartLine.newBuilder().product(Product.newBuilder().id(line.productId()).build()).quantity(line.quantity())
                    .unitPrice(money(unit, currency.code())).lineTotal(money(unit * line.quantity(), currency.code())).build());
        }
        return Cart.newBuilder().lines(lines).subtotal(money(subtotal, currency.code())).itemCount(items).build();
    }
}
