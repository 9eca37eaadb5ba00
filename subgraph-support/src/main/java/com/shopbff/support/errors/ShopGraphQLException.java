package com.shopbff.support.errors;

/**
 * A failure the caller caused or may see, turned into a GraphQL error with {@code extensions.code}.
 * Business-rule failures of mutations are {@code userErrors} in the payload instead, not this.
 */
public class ShopGraphQLException extends RuntimeException {
    private final ErrorCode code;

    public ShopGraphQLException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ShopGraphQLException unauthenticated(String message) {
        return new ShopGraphQLException(ErrorCode.UNAUTHENTICATED, message);
    }

    public static ShopGraphQLException forbidden(String message) {
        return new ShopGraphQLException(ErrorCode.FORBIDDEN, message);
    }

    public static ShopGraphQLException notFound(String message) {
        return new ShopGraphQLException(ErrorCode.NOT_FOUND, message);
    }

    public static ShopGraphQLException badInput(String message) {
        return new ShopGraphQLException(ErrorCode.BAD_USER_INPUT, message);
    }
}
