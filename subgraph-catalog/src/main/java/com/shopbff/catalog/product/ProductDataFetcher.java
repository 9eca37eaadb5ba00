package com.shopbff.catalog.product;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.catalog.generated.DgsConstants;
import com.shopbff.catalog.generated.types.AdjustStockInput;
import com.shopbff.catalog.generated.types.CreateProductInput;
import com.shopbff.catalog.CatalogProperties;
import com.shopbff.catalog.generated.types.Category;
import com.shopbff.catalog.generated.types.CategoryCount;
import com.shopbff.catalog.generated.types.Money;
import com.shopbff.catalog.generated.types.PageInfo;
import com.shopbff.catalog.generated.types.PriceBandCount;
import com.shopbff.catalog.generated.types.ProductFacets;
import com.shopbff.catalog.generated.types.ProductSuggestion;
import com.shopbff.catalog.generated.types.Product;
import com.shopbff.catalog.generated.types.ProductConnection;
import com.shopbff.catalog.generated.types.ProductEdge;
import com.shopbff.catalog.generated.types.ProductFilter;
import com.shopbff.catalog.generated.types.ProductPayload;
import com.shopbff.catalog.generated.types.ProductSort;
import com.shopbff.catalog.generated.types.SortDirection;
import com.shopbff.catalog.generated.types.UpdateProductInput;
import com.shopbff.catalog.search.ProductIndex;
import com.shopbff.catalog.search.ProductSearchRequest;
import com.shopbff.catalog.search.ProductSearchResult;
import com.shopbff.catalog.search.SearchCursor;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.errors.ShopGraphQLException;
import com.shopbff.support.money.MoneyFormat;
import com.shopbff.support.paging.Cursors;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.springframework.beans.factory.annotation.Value;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class ProductDataFetcher {
    private final ProductIndex index;
    private final ProductService service;
    private final String currency;

    private final long[] priceBandsMinor;

    public ProductDataFetcher(ProductIndex index, ProductService service, @Value("${shop.currency:USD}") String currency,
                              CatalogProperties properties) {
        this.index = index;
        this.service = service;
        this.currency = currency;
        this.priceBandsMinor = priceBands(properties.priceBands());
    }

    /** Strictly ascending positive amounts, or the subgraph does not start. */
    static long[] priceBands(List<String> bounds) {
        long[] minor = new long[bounds.size()];
        for (int i = 0; i < minor.length; i++) {
            int at = i;
            minor[i] = MoneyFormat.parse(bounds.get(i)).filter(v -> v > 0)
                    .orElseThrow(() -> new IllegalStateException("shop.catalog.price-bands[" + at + "] '" + bounds.get(at)
                            + "' is not a positive amount with at most two decimals"));
            if (i > 0 && minor[i] <= minor[i - 1])
                throw new IllegalStateException("shop.catalog.price-bands must ascend: '" + bounds.get(i) + "' follows '" + bounds.get(i - 1) + "'");
        }
        return minor;
    }

    /** The storefront: active products from the search index, search-after cursors, 20 a page by default. */
    @DgsQuery(field = DgsConstants.QUERY.Products)
    public ProductConnection products(@InputArgument Integer first, @InputArgument String after,
                                      @InputArgument ProductFilter filter, @InputArgument ProductSort sort,
                                      DataFetchingEnvironment env) {
        Auth.viewer(env);
        int size = Cursors.pageSize(first);
        ProductFilter f = filter == null ? new ProductFilter() : filter;
        boolean searching = f.getSearch() != null && !f.getSearch().isBlank();
        ProductSearchRequest.SortKey key = sort == null
                ? (searching ? ProductSearchRequest.SortKey.RELEVANCE : ProductSearchRequest.SortKey.NAME)
                : ProductSearchRequest.SortKey.valueOf(sort.getField().name());
        // Without search text every product is equally relevant: name order. Relevance is always best first.
        if (key == ProductSearchRequest.SortKey.RELEVANCE && !searching) key = ProductSearchRequest.SortKey.NAME;
        boolean descending = key != ProductSearchRequest.SortKey.RELEVANCE && sort != null && sort.getDirection() == SortDirection.DESC;
        SearchCursor cursor = after == null ? null : SearchCursor.decode(after, key, descending);
        Long min = price(f.getMinPrice(), "minPrice");
        Long max = price(f.getMaxPrice(), "maxPrice");
        ProductSearchRequest request = new ProductSearchRequest(f.getSearch(), f.getCategoryId(), f.getInStock(),
                min, max, key, descending, cursor, size);
        ProductSearchResult result = index.search(request);
        // Facets cost a pass over every hit: only when asked for.
        ProductFacets facets = env.getSelectionSet().contains(DgsConstants.PRODUCTCONNECTION.Facets) ? facets(request) : null;
        List<ProductEdge> edges = result.hits().stream()
                .map(h -> ProductEdge.newBuilder().cursor(h.cursor()).node(h.product().toGraphQL(currency)).build())
                .toList();
        return ProductConnection.newBuilder()
                .edges(edges)
                .pageInfo(PageInfo.newBuilder().hasNextPage(result.hasNextPage())
                        .endCursor(edges.isEmpty() ? null : edges.getLast().getCursor()).build())
                .totalCount(result.totalCount())
                .facets(facets)
                .build();
    }

    private ProductFacets facets(ProductSearchRequest request) {
        ProductIndex.Facets counted = index.facets(request, priceBandsMinor);
        List<CategoryCount> categories = counted.categories().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> CategoryCount.newBuilder().category(Category.newBuilder().id(e.getKey()).build()).count(e.getValue()).build())
                .toList();
        List<PriceBandCount> bands = new java.util.ArrayList<>();
        for (int i = 0; i <= priceBandsMinor.length; i++) {
            long from = i == 0 ? 0 : priceBandsMinor[i - 1];
            bands.add(PriceBandCount.newBuilder().min(money(from))
                    .max(i == priceBandsMinor.length ? null : money(priceBandsMinor[i])).count(counted.priceBands()[i]).build());
        }
        return ProductFacets.newBuilder().categories(categories).priceBands(bands).build();
    }

    private Money money(long minor) {
        return Money.newBuilder().amount(MoneyFormat.format(minor)).currency(currency).build();
    }

    @DgsQuery(field = DgsConstants.QUERY.SearchSuggestions)
    public List<ProductSuggestion> searchSuggestions(@InputArgument String prefix, DataFetchingEnvironment env) {
        Auth.viewer(env);
        return index.suggest(prefix).stream().map(p -> ProductSuggestion.newBuilder().id(p.id()).name(p.name()).build()).toList();
    }

    /** Any product by id, also a deleted one (its {@code active} is false). */
    @DgsQuery(field = DgsConstants.QUERY.Product)
    public CompletableFuture<Product> product(@InputArgument String id, DataFetchingEnvironment env) {
        Auth.viewer(env);
        return load(id, env);
    }

    @DgsEntityFetcher(name = DgsConstants.PRODUCT.TYPE_NAME)
    public CompletableFuture<Product> productEntity(Map<String, Object> values, DataFetchingEnvironment env) {
        Auth.viewer(env);
        return load(String.valueOf(values.get(DgsConstants.PRODUCT.Id)), env);
    }

    @DgsMutation(field = DgsConstants.MUTATION.CreateProduct)
    public ProductPayload createProduct(@InputArgument CreateProductInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        return payload(service.create(input));
    }

    @DgsMutation(field = DgsConstants.MUTATION.UpdateProduct)
    public ProductPayload updateProduct(@InputArgument UpdateProductInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        return payload(service.update(input));
    }

    @DgsMutation(field = DgsConstants.MUTATION.DeleteProduct)
    public ProductPayload deleteProduct(@InputArgument String id, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        return payload(service.delete(id));
    }

    @DgsMutation(field = DgsConstants.MUTATION.AdjustStock)
    public ProductPayload adjustStock(@InputArgument AdjustStockInput input, DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        return payload(service.adjustStock(input.getProductId(), input.getDelta()));
    }

    private CompletableFuture<Product> load(String id, DataFetchingEnvironment env) {
        DataLoader<String, ProductView> loader = env.getDataLoader(ProductDataLoader.NAME);
        return loader.load(id).thenApply(p -> p == null ? null : p.toGraphQL(currency));
    }

    private ProductPayload payload(ProductService.Outcome outcome) {
        return ProductPayload.newBuilder()
                .product(outcome.product() == null ? null : outcome.product().toGraphQL(currency))
                .userErrors(outcome.userErrors()).build();
    }

    private static Long price(String amount, String field) {
        if (amount == null) return null;
        return MoneyFormat.parse(amount).orElseThrow(() ->
                ShopGraphQLException.badInput("filter." + field + " must be a decimal amount with at most 2 decimals"));
    }
}
