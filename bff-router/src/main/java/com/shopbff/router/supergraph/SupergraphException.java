package com.shopbff.router.supergraph;

/** The supergraph SDL cannot be read or yields no valid API schema. */
public class SupergraphException extends RuntimeException {
    public SupergraphException(String message) {
        super(message);
    }

    public SupergraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
