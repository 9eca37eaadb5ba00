package com.shopbff.router.pipeline;

import graphql.language.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GraphQL literal values (variable defaults) as the JSON values a request would carry. */
final class ValueLiterals {
    private ValueLiterals() {
    }

    static Object toJson(Value<?> v) {
        return switch (v) {
            case BooleanValue b -> b.isValue();
            case IntValue i -> i.getValue().bitLength() < 32 ? (Object) i.getValue().intValue() : i.getValue();
            case FloatValue f -> f.getValue();
            case StringValue s -> s.getValue();
            case EnumValue e -> e.getName();
            case NullValue n -> null;
            case ArrayValue a -> {
                List<Object> out = new ArrayList<>();
                for (Value<?> x : a.getValues()) out.add(toJson(x));
                yield out;
            }
            case ObjectValue o -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (ObjectField f : o.getObjectFields()) out.put(f.getName(), toJson(f.getValue()));
                yield out;
            }
            default -> null;
        };
    }
}
