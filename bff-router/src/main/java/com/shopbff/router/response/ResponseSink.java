package com.shopbff.router.response;



import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@link Completion} puts the completed response: a tree ({@link Tree}) or JSON written straight to a
 * generator ({@link Streaming}). Values arrive depth first; {@code name} announces the key of the next value inside an
 * object. An object or list that turns out null (null propagation) is abandoned: the tree drops it, the streaming
 * writer cannot take back what it wrote and gives up ({@link Completion.Abort}); the caller then completes again
 * into a tree.
 */
interface ResponseSink {
    void startObject();

    void endObject();

    void abandonObject();

    void startArray();

    void endArray();

    void abandonArray();

    void name(ResponseShape.Field f);

    void value(Object v);

    void nullValue();

    /** Builds the response as maps and lists. */
    final class Tree implements ResponseSink {
        private final Deque<Object> containers = new ArrayDeque<>();
        private final Deque<String> keys = new ArrayDeque<>();
        private String pending;
        private Object result;

        Object result() {
            return result;
        }

        @Override
        public void startObject() {
            keys.push(pending == null ? "" : pending);
            containers.push(new LinkedHashMap<String, Object>());
            pending = null;
        }

        @Override
        public void endObject() {
            Object done = containers.pop();
            pending = keys.pop();
            add(done);
        }

        @Override
        public void abandonObject() {
            containers.pop();
            pending = keys.pop();
        }

        @Override
        public void startArray() {
            keys.push(pending == null ? "" : pending);
            containers.push(new ArrayList<>());
            pending = null;
        }

        @Override
        public void endArray() {
            endObject();
        }

        @Override
        public void abandonArray() {
            abandonObject();
        }

        @Override
        public void name(ResponseShape.Field f) {
            pending = f.responseKey;
        }

        @Override
        public void value(Object v) {
            add(v);
        }

        @Override
        public void nullValue() {
            add(null);
        }

        @SuppressWarnings("unchecked")
        private void add(Object v) {
            Object top = containers.peek();
            if (top == null) result = v;
            else if (top instanceof Map<?, ?> m) ((Map<String, Object>) m).put(pending, v);
            else ((List<Object>) top).add(v);
        }
    }

    /** Writes JSON as it goes; gives up on null propagation. */
    final class Streaming implements ResponseSink {
        private final com.shopbff.router.json.JsonWriter w;

        Streaming(com.shopbff.router.json.JsonWriter w) {
            this.w = w;
        }

        @Override
        public void startObject() {
            w.startObject();
        }

        @Override
        public void endObject() {
            w.endObject();
        }

        @Override
        public void abandonObject() {
            throw Completion.ABORT;
        }

        @Override
        public void startArray() {
            w.startArray();
        }

        @Override
        public void endArray() {
            w.endArray();
        }

        @Override
        public void abandonArray() {
            throw Completion.ABORT;
        }

        @Override
        public void name(ResponseShape.Field f) {
            w.name(f.encodedName);
        }

        @Override
        public void value(Object v) {
            w.value(v);
        }

        @Override
        public void nullValue() {
            w.nullValue();
        }
    }
}
