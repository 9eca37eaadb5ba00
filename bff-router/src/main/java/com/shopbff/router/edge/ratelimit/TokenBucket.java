package com.shopbff.router.edge.ratelimit;

/** A token bucket: {@code capacity} tokens, refilled continuously at {@code rate} per second. Thread-safe. */
public final class TokenBucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last;

    public TokenBucket(double rate, double capacity, long nowNanos) {
        if (rate <= 0 || capacity <= 0) throw new IllegalArgumentException("rate and capacity must be > 0");
        this.capacity = capacity;
        this.perNano = rate / 1e9;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /**
     * Takes {@code n} tokens if there are enough.
     *
     * @return 0 when taken, else the nanoseconds until {@code n} tokens will be there (nothing is taken); a request
     *         larger than the capacity waits for a full bucket and then takes it all
     */
    public synchronized long tryTake(double n, long nowNanos) {
        refill(nowNanos);
        double need = Math.min(n, capacity);
        if (tokens >= need) {
            tokens -= need;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((need - tokens) / perNano));
    }

    /** Gives back tokens taken for something that then did not happen. */
    public synchronized void giveBack(double n, long nowNanos) {
        refill(nowNanos);
        tokens = Math.min(capacity, tokens + n);
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }

    /** Whether the bucket is full at {@code nowNanos} (an idle client's bucket can be forgotten). */
    public synchronized boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }
}
