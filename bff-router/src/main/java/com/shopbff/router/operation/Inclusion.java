package com.shopbff.router.operation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a field is included, from {@code @skip(if: $v)} and {@code @include(if: $v)} on variables: the field is
 * included when any of the alternatives holds, an alternative holding when every literal in it does (a field
 * selected twice under different conditions is included when either applies). Literal arguments
 * ({@code if: true}) are decided during normalisation and never appear here; a field without variable conditions
 * has no {@code Inclusion} at all (null).
 *
 * @param anyOf the alternatives, each a non-empty set of literals
 */
public record Inclusion(List<Set<Literal>> anyOf) {
    /**
     * A condition on one Boolean variable.
     *
     * @param variable the variable's name
     * @param value    the value the variable must have ({@code @include(if: $v)}: true, {@code @skip(if: $v)}: false)
     */
    public record Literal(String variable, boolean value) implements Comparable<Literal> {
        public boolean holds(Map<String, Object> variables) {
            return Boolean.TRUE.equals(variables.get(variable)) == value;
        }

        /** As a directive: {@code @include(if: $v)} or {@code @skip(if: $v)}. */
        public String directive() {
            return (value ? "@include" : "@skip") + "(if: $" + variable + ")";
        }

        @Override
        public int compareTo(Literal o) {
            int c = variable.compareTo(o.variable);
            return c != 0 ? c : Boolean.compare(value, o.value);
        }
    }

    public Inclusion {
        anyOf = anyOf.stream().map(s -> java.util.Collections.unmodifiableSet((Set<Literal>) new java.util.TreeSet<>(s))).toList();
    }

    /** Whether the field is included for these variable values (defaults applied). */
    public boolean test(Map<String, Object> variables) {
        for (Set<Literal> all : anyOf) {
            boolean holds = true;
            for (Literal l : all) {
                if (!l.holds(variables)) {
                    holds = false;
                    break;
                }
            }
            if (holds) return true;
        }
        return false;
    }

    /** The literals every alternative has (they must hold whenever the field is included). */
    public Set<Literal> common() {
        Set<Literal> out = null;
        for (Set<Literal> all : anyOf) {
            if (out == null) out = new LinkedHashSet<>(all);
            else out.retainAll(all);
        }
        return out == null ? Set.of() : out;
    }

    /** Whether one alternative of at most one include and one skip literal says it all (printable as directives). */
    public boolean isSimple() {
        if (anyOf.size() != 1) return false;
        int include = 0, skip = 0;
        for (Literal l : anyOf.get(0)) {
            if (l.value()) include++;
            else skip++;
        }
        return include <= 1 && skip <= 1;
    }

    /**
     * The inclusion of a field selected in several places: an always-included selection makes the field always
     * included (null); otherwise the alternatives of all of them.
     *
     * @param occurrences each selection's literals (an empty set: unconditional)
     * @param implied     literals the parent's inclusion already guarantees (dropped from each alternative)
     */
    public static Inclusion of(List<Set<Literal>> occurrences, Set<Literal> implied) {
        List<Set<Literal>> alternatives = new ArrayList<>();
        for (Set<Literal> o : occurrences) {
            Set<Literal> rest = new LinkedHashSet<>(o);
            rest.removeAll(implied);
            if (rest.isEmpty()) return null;
            if (!alternatives.contains(rest)) alternatives.add(rest);
        }
        return alternatives.isEmpty() ? null : new Inclusion(alternatives);
    }

    /** The literals a field's inclusion guarantees, added to its parent's. */
    public static Set<Literal> implied(Set<Literal> parent, Inclusion inclusion) {
        if (inclusion == null) return parent;
        Set<Literal> out = new LinkedHashSet<>(parent);
        out.addAll(inclusion.common());
        return out;
    }
}
