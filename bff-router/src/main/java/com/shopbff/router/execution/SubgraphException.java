package com.shopbff.router.execution;

/** A subgraph could not be reached, timed out or answered with something that is not a GraphQL response. */
public class SubgraphException extends RuntimeException {
    private final String code;

    public SubgraphException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
