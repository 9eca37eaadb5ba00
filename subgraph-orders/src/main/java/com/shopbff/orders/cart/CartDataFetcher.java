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

    @DgsMutation(field = DgsConstants.MUTATION.AddToCart)
    public CartPayload addToCart(@InputArgument(name = "input") CartLineInput input, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return change(() -> carts.add(me, input.getProductId(), input.getQuantity()));
    }

    @DgsMutation(field = DgsConstants.MUTATION.UpdateCartLine)
    public CartPayload updateCartLine(@InputArgument(name = "input") CartLineInput input, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return change(() -> carts.update(me, input.getProductId(), input.getQuantity()));
    }

    @DgsMutation(field = DgsConstants.MUTATION.RemoveFromCart)
    public CartPayload removeFromCart(@InputArgument(name = "productId") String productId, DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return change(() -> carts.remove(me, productId));
    }

    @DgsMutation(field = DgsConstants.MUTATION.ClearCart)
    public CartPayload clearCart(DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        return change(() -> carts.clear(me));
    }

    private CartPayload change(Supplier<CartDocument> change) {
        try {
            return CartPayload.newBuilder().cart(view(change.get())).userErrors(List.of()).build();
        } catch (CartService.CartRefused refused) {
            return CartPayload.newBuilder().cart(null)
                    .userErrors(List.of(userError(refused.code, refused.getMessage(), "input", refused.field))).build();
        }
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
