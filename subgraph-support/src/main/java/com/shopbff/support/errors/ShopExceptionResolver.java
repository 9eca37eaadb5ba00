package com.shopbff.support.errors;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;

import java.util.Map;
import java.util.UUID;

/**
 * Maps exceptions thrown by data fetchers to GraphQL errors with {@code extensions.code}. Anything unexpected
 * becomes INTERNAL with a reference id that is also logged: never a stack trace to the client.
 */
public class ShopExceptionResolver extends DataFetcherExceptionResolverAdapter {
    private static final Logger log = LoggerFactory.getLogger(ShopExceptionResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ShopGraphQLException e) {
            return error(env, e.code(), e.getMessage());
        }
        if (ex instanceof IllegalArgumentException e) {
            return error(env, ErrorCode.BAD_USER_INPUT, e.getMessage());
        }
        String ref = UUID.randomUUID().toString();
        log.error("unexpected failure resolving {} (ref {})", env.getExecutionStepInfo().getPath(), ref, ex);
        return error(env, ErrorCode.INTERNAL, "internal error (ref " + ref + ")");
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message) {
        return GraphqlErrorBuilder.newError(env).message(message).extensions(Map.of("code", code.name())).build();
    }
}
