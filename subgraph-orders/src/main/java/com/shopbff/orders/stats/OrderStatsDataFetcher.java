package com.shopbff.orders.stats;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.orders.config.ShopCurrency;
import com.shopbff.orders.generated.DgsConstants;
import com.shopbff.orders.generated.types.Customer;
import com.shopbff.orders.generated.types.CustomerOrderStats;
import com.shopbff.orders.generated.types.DailyRevenue;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.generated.types.ShopOrderStats;
import com.shopbff.orders.generated.types.StatusCount;
import com.shopbff.orders.generated.types.TopCustomer;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.errors.ShopGraphQLException;
import graphql.schema.DataFetchingEnvironment;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.shopbff.orders.graphql.Payloads.money;

/**
 * Order statistics. Aggregated in Java over a projection of the matching orders (status, customer, total, placedAt)
 * rather than with a MongoDB pipeline, because the embedded MongoDB-wire server lacks some of the stages (date
 * formatting in $group) a pipeline would need; the query reads four fields per order, not whole documents.
 * "Spent" and revenue count orders that were paid and not cancelled (CONFIRMED and later).
 */
@DgsComponent
public class OrderStatsDataFetcher {
    static final Set<OrderStatus> PAID = EnumSet.of(OrderStatus.PAID, OrderStatus.CONFIRMED, OrderStatus.ASSEMBLING,
            OrderStatus.OUT_FOR_DELIVERY, OrderStatus.READY_FOR_PICKUP, OrderStatus.DELIVERED, OrderStatus.PICKED_UP);
    private static final int TOP_CUSTOMERS = 10;
    private final MongoTemplate mongo;
    private final String currency;

    public OrderStatsDataFetcher(MongoTemplate mongo, ShopCurrency currency) {
        this.mongo = mongo;
        this.currency = currency.code();
    }

    record Row(String customerId, OrderStatus status, long totalMinor, Instant placedAt) {
        boolean paid() { return PAID.contains(status); }
    }

    @DgsQuery(field = DgsConstants.QUERY.MyOrderStats)
    public CustomerOrderStats myOrderStats(DataFetchingEnvironment env) {
        String me = Auth.requireSignedIn(env).customerId();
        List<Row> paid = rows(Criteria.where("customerId").is(me)).stream().filter(Row::paid).toList();
        long spent = paid.stream().mapToLong(Row::totalMinor).sum();
        return CustomerOrderStats.newBuilder().orderCount(paid.size()).totalSpent(money(spent, currency))
                .averageOrderValue(money(paid.isEmpty() ? 0 : spent / paid.size(), currency)).build();
    }

    @DgsQuery(field = DgsConstants.QUERY.OrderStats)
    public ShopOrderStats orderStats(@InputArgument(name = "from") OffsetDateTime from, @InputArgument(name = "to") OffsetDateTime to,
                                     DataFetchingEnvironment env) {
        Auth.requireAdmin(env);
        if (from != null && to != null && !to.isAfter(from)) throw ShopGraphQLException.badInput("'to' must be after 'from'");
        Criteria c = Criteria.where("_id").exists(true);
        if (from != null || to != null) {
            Criteria placed = c.and("placedAt");
            if (from != null) placed.gte(from.toInstant());
            if (to != null) placed.lt(to.toInstant());
        }
        List<Row> rows = rows(c);
        Map<OrderStatus, Long> counts = rows.stream().collect(Collectors.groupingBy(Row::status, Collectors.counting()));
        List<Row> paid = rows.stream().filter(Row::paid).toList();
        long revenue = paid.stream().mapToLong(Row::totalMinor).sum();
        Map<String, List<Row>> byDay = new TreeMap<>(paid.stream().collect(Collectors.groupingBy(r -> r.placedAt().atZone(ZoneOffset.UTC).toLocalDate().toString())));
        Map<String, List<Row>> byCustomer = paid.stream().collect(Collectors.groupingBy(Row::customerId));
        return ShopOrderStats.newBuilder()
                .countsByStatus(counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> StatusCount.newBuilder().status(e.getKey()).count(e.getValue().intValue()).build()).toList())
                .revenueByDay(byDay.entrySet().stream().map(e -> DailyRevenue.newBuilder().day(e.getKey())
                        .revenue(money(e.getValue().stream().mapToLong(Row::totalMinor).sum(), currency))
                        .orderCount(e.getValue().size()).build()).toList())
                .averageOrderValue(money(paid.isEmpty() ? 0 : revenue / paid.size(), currency))
                .topCustomers(byCustomer.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue()))
                        .sorted(Comparator.comparingLong((Map.Entry<String, List<Row>> e) -> e.getValue().stream().mapToLong(Row::totalMinor).sum())
                                .reversed().thenComparing(Map.Entry::getKey))
                        .limit(TOP_CUSTOMERS)
                        .map(e -> TopCustomer.newBuilder().customer(Customer.newBuilder().id(e.getKey()).build())
                                .orderCount(e.getValue().size())
                                .totalSpent(money(e.getValue().stream().mapToLong(Row::totalMinor).sum(), currency)).build())
                        .toList())
                .build();
    }

    private List<Row> rows(Criteria c) {
        Query q = Query.query(c);
        q.fields().include("customerId", "status", "totalMinor", "placedAt");
        return mongo.find(q, Document.class, OrderStore.COLLECTION).stream().map(d -> new Row(d.getString("customerId"),
                OrderStatus.valueOf(d.getString("status")), ((Number) d.get("totalMinor")).longValue(),
                d.getDate("placedAt").toInstant())).toList();
    }
}
