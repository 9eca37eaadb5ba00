package com.shopbff.router.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A JSON object as the router holds subgraph data: keys and values side by side in one array, in insertion order.
 * GraphQL objects have a handful of fields, so a lookup is a short scan — keys are mostly the same interned strings
 * (the reader's and the response shape's), so a reference comparison finds them, and only a key that is not the
 * same reference costs a hash and an equals check. Several times cheaper than a {@code LinkedHashMap}, with a
 * fraction of its memory (the reader sizes each object exactly). Objects with many fields get a hash index.
 * A full {@link Map}: equality, hashing and iteration behave like any map's.
 */
public final class JsonObject extends AbstractMap<String, Object> {
    /** From this many fields on, lookups go through a hash index instead of a scan. */
    private static final int INDEXED_FROM = 16;
    private static final Object[] EMPTY = {};
    /** Key i at 2i, its value at 2i + 1. */
    private Object[] slots;
    private int size;
    private java.util.HashMap<String, Integer> index;

    public JsonObject() {
        this(8);
    }

    public JsonObject(int capacity) {
        slots = capacity <= 0 ? EMPTY : new Object[capacity * 2];
    }

    /** An object of the {@code n} key/value pairs at {@code from} in {@code pairs} (keys distinct), sized exactly. */
    static JsonObject of(Object[] pairs, int from, int n) {
        JsonObject o = new JsonObject(0);
        if (n > 0) {
            o.slots = java.util.Arrays.copyOfRange(pairs, from, from + 2 * n);
            o.size = n;
            if (n >= INDEXED_FROM) o.buildIndex(n);
        }
        return o;
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        Object[] s = slots;
        int n = size * 2;
        for (int i = 0; i < n; i += 2) {
            if (s[i] == key) return i >> 1;
        }
        if (!(key instanceof String k)) return -1;
        int h = k.hashCode();
        for (int i = 0; i < n; i += 2) {
            String c = (String) s[i];
            if (c.hashCode() == h && c.equals(k)) return i >> 1;
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : slots[2 * i + 1];
    }

    /**
     * The position of {@code key}, looked for first at position {@code hint} (where a reader of fields in a known
     * order expects it); -1 when absent.
     */
    public int positionOf(String key, int hint) {
        if (hint < size && slots[2 * hint] == key) return hint;
        return indexOf(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object put(String key, Object value) {
        java.util.Objects.requireNonNull(key, "JSON object keys are strings");
        int i = indexOf(key);
        if (i >= 0) {
            Object old = slots[2 * i + 1];
            slots[2 * i + 1] = value;
            return old;
        }
        append(key, value);
        return null;
    }

    private void buildIndex(int n) {
        index = new java.util.HashMap<>(n * 2);
        for (int i = 0; i < n; i++) index.put((String) slots[2 * i], i);
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) return null;
        Object old = slots[2 * i + 1];
        System.arraycopy(slots, 2 * i + 2, slots, 2 * i, 2 * (size - i - 1));
        size--;
        slots[2 * size] = null;
        slots[2 * size + 1] = null;
        if (index != null) buildIndex(size);
        return old;
    }

    @Override
    public int size() {
        return size;
    }

    /** The position of {@code key}, or -1. */
    public int positionOf(String key) {
        return indexOf(key);
    }

    /** Adds a key known to be absent (no lookup). */
    public void append(String key, Object value) {
        java.util.Objects.requireNonNull(key, "JSON object keys are strings");
        if (2 * size == slots.length) slots = Arrays.copyOf(slots, Math.max(4, slots.length * 2));
        slots[2 * size] = key;
        slots[2 * size + 1] = value;
        if (index != null) index.put(key, size);
        else if (size + 1 == INDEXED_FROM) buildIndex(size + 1);
        size++;
    }

    /** Same value as {@link java.util.AbstractMap#hashCode()}, without iterator and entry objects. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) h += slots[2 * i].hashCode() ^ java.util.Objects.hashCode(slots[2 * i + 1]);
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof JsonObject other)) return super.equals(o);
        if (other.size != size) return false;
        for (int i = 0; i < size; i++) {
            int j = other.indexOf(slots[2 * i]);
            if (j < 0 || !java.util.Objects.equals(slots[2 * i + 1], other.slots[2 * j + 1])) return false;
        }
        return true;
    }

    @Override
    public void clear() {
        Arrays.fill(slots, 0, 2 * size, null);
        size = 0;
        index = null;
    }

    /** Drops the entries from position {@code n} on (undoing appends). */
    public void truncate(int n) {
        if (n >= size) return;
        Arrays.fill(slots, 2 * n, 2 * size, null);
        size = n;
        if (index != null) {
            index = null;
            if (n >= INDEXED_FROM) buildIndex(n);
        }
    }

    /** The key at position {@code i} (insertion order). */
    public String keyAt(int i) {
        return (String) slots[2 * i];
    }

    /** The value at position {@code i} (insertion order). */
    public Object valueAt(int i) {
        return slots[2 * i + 1];
    }

    public void setValueAt(int i, Object v) {
        slots[2 * i + 1] = v;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    int next;
                    int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) throw new NoSuchElementException();
                        int i = last = next++;
                        return new Entry<>() {
                            @Override
                            public String getKey() {
                                return (String) slots[2 * i];
                            }

                            @Override
                            public Object getValue() {
                                return slots[2 * i + 1];
                            }

                            @Override
                            public Object setValue(Object v) {
                                Object old = slots[2 * i + 1];
                                slots[2 * i + 1] = v;
                                return old;
                            }

                            @Override
                            public boolean equals(Object o) {
                                return o instanceof Map.Entry<?, ?> e && java.util.Objects.equals(getKey(), e.getKey())
                                        && java.util.Objects.equals(getValue(), e.getValue());
                            }

                            @Override
                            public int hashCode() {
                                return java.util.Objects.hashCode(getKey()) ^ java.util.Objects.hashCode(getValue());
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (last < 0) throw new IllegalStateException();
                        JsonObject.this.remove(slots[2 * last]);
                        next = last;
                        last = -1;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
