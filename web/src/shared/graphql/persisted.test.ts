import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Client, makeResult, type Exchange } from '@urql/core';
import { filter, map, pipe } from 'wonka';
import { CartQuery } from '../../storefront/cart/documents';
import { documentIdOf, trustedDocumentsExchange } from './persisted';
import { makeFetchBody } from '@urql/core/internal';

describe('persisted documents', () => {
  it('lists every generated document in the manifest under the sha256 of its text', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../gql/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
    expect(Object.keys(manifest).length).toBeGreaterThan(30);
    for (const [id, text] of Object.entries(manifest)) {
      expect(id).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
      expect(text).toContain('__typename'); // the cache needs it, and the router executes this text
    }
    expect(manifest[documentIdOf(CartQuery)!]).toMatch(/\bquery Cart\b/);
  });

  it('sends only the document id in trusted mode and gives the cache its full document back', async () => {
    const bodies: unknown[] = [];
    const api: Exchange = () => (ops$) =>
      pipe(
        ops$,
        filter((op) => op.kind !== 'teardown'),
        map((op) => {
          bodies.push(makeFetchBody(op));
          return makeResult(op, { data: { __typename: 'Query', myCart: { __typename: 'Cart', itemCount: 0, subtotal: { __typename: 'Money', amount: '0.00', currency: 'USD' }, lines: [] } } });
        }),
      );
    const client = new Client({ url: 'http://api.test/graphql', exchanges: [trustedDocumentsExchange, api] });
    const result = await client.query(CartQuery, {}).toPromise();
    expect(bodies).toEqual([{ documentId: documentIdOf(CartQuery), operationName: undefined, query: undefined, variables: {}, extensions: undefined }]);
    expect(result.operation.query).toBe(CartQuery);
    expect(result.data?.myCart.itemCount).toBe(0);
  });
});
