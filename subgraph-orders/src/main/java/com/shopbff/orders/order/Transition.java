package com.shopbff.orders.order;

import com.shopbff.contracts.Message;
import com.shopbff.orders.generated.types.OrderStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One atomic change of an order: the statuses it passes through (usually one; PAID then CONFIRMED in one write), the
 * commands to send, and other fields to set. {@link OrderStore#apply} writes it with one conditional update.
 */
public final class Transition {
    private final List<OrderStatus> path = new ArrayList<>();
    private final List<Message> commands = new ArrayList<>();
    private final Map<String, Object> sets = new LinkedHashMap<>();
    private String reason;

    private Transition() {}

    public static Transition to(OrderStatus... statuses) {
        Transition t = new Transition();
        for (OrderStatus s : statuses) t.path.add(Objects.requireNonNull(s));
        return t;
    }

    /** A change without a status change (e.g. recording a refund). */
    public static Transition fieldsOnly() {
        return new Transition();
    }

    public Transition reason(String reason) {
        this.reason = reason;
        return this;
    }

    public Transition send(Message command) {
        commands.add(command);
        return this;
    }

    public Transition set(String field, Object value) {
        sets.put(field, value);
        return this;
    }

    public List<OrderStatus> path() { return Collections.unmodifiableList(path); }

    public List<Message> commands() { return Collections.unmodifiableList(commands); }

    public Map<String, Object> sets() { return Collections.unmodifiableMap(sets); }

    public String reason() { return reason; }
}
