import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AppConfig } from '../config';
import { documentIdOf } from './persisted';

/** A request that never reached a GraphQL answer: the network failed or the server answered something else. */
export class NetworkError extends Error {}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * One operation over plain fetch, outside the urql client: for the session refresh, which must not go through
 * the exchange that adds (and refreshes) the access token. Honours the persisted-operations mode.
 */
export async function postGraphQL<TData, TVariables>(
  config: AppConfig,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  fetchImpl: typeof fetch = fetch,
): Promise<GraphQLResponse<TData>> {
  const documentId = config.persistedOperations === 'trusted' ? documentIdOf(document as DocumentNode) : undefined;
  const body = documentId ? { documentId, variables } : { query: print(document as DocumentNode), variables };
  let response: Response;
  try {
    response = await fetchImpl(config.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new NetworkError(`the shop's server cannot be reached (${(e as Error).message})`);
  }
  try {
    return (await response.json()) as GraphQLResponse<TData>;
  } catch {
    throw new NetworkError(`the shop's server answered HTTP ${response.status} without a GraphQL response`);
  }
}
