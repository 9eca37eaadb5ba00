package com.shopbff.router.pipeline;

/**
 * What {@link OperationPipeline#prepare} yields: an operation ready to execute, or the reason it is refused.
 * Callers switch over it exhaustively.
 */
public sealed interface Preparation permits Prepared, Rejected {
}
