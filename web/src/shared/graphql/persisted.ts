import { makeOperation, type Exchange, type Operation, type OperationResult } from '@urql/core';
import { Kind, type DocumentNode } from 'graphql';
import { map, pipe } from 'wonka';

/** The hash GraphQL Code Generator's client preset embeds in each document (also its key in the manifest). */
export function documentIdOf(document: DocumentNode): string | undefined {
  const meta = (document as { __meta__?: { hash?: unknown } }).__meta__;
  return typeof meta?.hash === 'string' ? meta.hash : undefined;
}

/**
 * Trusted documents: sends only the `documentId` of an operation from the build's persisted-documents manifest
 * (GraphQL over HTTP, Appendix A), never its text, over HTTP and WebSocket alike. The cache above this exchange keeps
 * working on the full document: results are handed back with the original operation.
 */
export const trustedDocumentsExchange: Exchange = ({ forward }) => {
  const originals = new Map<number, Operation>();
  return (operations$) =>
    pipe(
      operations$,
      map((operation) => {
        if (operation.kind === 'teardown') {
          originals.delete(operation.key);
          return operation;
        }
        const documentId = documentIdOf(operation.query);
        if (!documentId) return operation;
        originals.set(operation.key, operation);
        const query = { kind: Kind.DOCUMENT, definitions: [], documentId } as unknown as DocumentNode;
        return makeOperation(operation.kind, { ...operation, query }, operation.context);
      }),
      forward,
      map((result: OperationResult) => {
        const original = originals.get(result.operation.key);
        return original ? { ...result, operation: original } : result;
      }),
    );
};
