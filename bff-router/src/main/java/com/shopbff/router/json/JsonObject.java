package com.shopbff.router.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A JSON object as the router holds subgraph data: keys, their hash codes and values in arrays, in insertion
 * order. GraphQL objects have a handful of fields, so a lookup is a short scan over cached hash codes (keys are
 * mostly the same interned strings, so the final check is usually a reference comparison) — several times
 * cheaper than a {@code LinkedHashMap}, with a fraction of its memory. Objects with many fields get a hash index.
 * A full {@link Map}: equality, hashing and iteration behave like any map's.
 */
public final class JsonObject extends AbstractMap<String, Object> {
    /** From this many fields on, lookups go through a hash index instead of a scan. */
    private static final int INDEXED_FROM = 16;
    private String[] keys;
    /** Each key's hash code (cached in the String too): a miss scans ints, not strings. */
    private int[] hashes;
    private Object[] values;
    private int size;
    private java.util.HashMap<String, Integer> index;

    public JsonObject() {
        this(8);
    }

    public JsonObject(int capacity) {
        keys = new String[Math.max(capacity, 2)];
        hashes = new int[keys.length];
        values = new Object[keys.length];
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        if (key == null) return -1;
        String[] ks = keys;
        int[] hs = hashes;
        int h = key.hashCode();
        for (int i = 0, n = size; i < n; i++) {
            if (hs[i] == h && (ks[i] == key || key.equals(ks[i]))) return i;
        }
        return -1;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
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
            Object old = values[i];
            values[i] = value;
            return old;
        }
        append(key, value);
        return null;
    }

    private void buildIndex(int n) {
        index = new java.util.HashMap<>(n * 2);
        for (int i = 0; i < n; i++) index.put(keys[i], i);
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) return null;
        Object old = values[i];
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(hashes, i + 1, hashes, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
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
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        hashes[size] = key.hashCode();
        values[size] = value;
        if (index != null) index.put(key, size);
        else if (size + 1 == INDEXED_FROM) buildIndex(size + 1);
        size++;
    }

    /** Same value as {@link java.util.AbstractMap#hashCode()}, without iterator and entry objects. */
    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) h += java.util.Objects.hashCode(keys[i]) ^ java.util.Objects.hashCode(values[i]);
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof JsonObject other)) return super.equals(o);
        if (other.size != size) return false;
        for (int i = 0; i < size; i++) {
            int j = other.indexOf(keys[i]);
            if (j < 0 || !java.util.Objects.equals(values[i], other.values[j])) return false;
        }
        return true;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        index = null;
    }

    /** Drops the entries from position {@code n} on (undoing appends). */
    public void truncate(int n) {
        if (n >= size) return;
        Arrays.fill(keys, n, size, null);
        Arrays.fill(values, n, size, null);
        size = n;
        if (index != null) {
            index = null;
            if (n >= INDEXED_FROM) buildIndex(n);
        }
    }

    /** The key at position {@code i} (insertion order). */
    public String keyAt(int i) {
        return keys[i];
    }

    /** The value at position {@code i} (insertion order). */
    public Object valueAt(int i) {
        return values[i];
    }

    public void setValueAt(int i, Object v) {
        values[i] = v;
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
                                return keys[i];
                            }

                            @Override
                            public Object getValue() {
                                return values[i];
                            }

                            @Override
                            public Object setValue(Object v) {
                                Object old = values[i];
                                values[i] = v;
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
                        JsonObject.this.remove(keys[last]);
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
