// GraphiQL for the router: bundled by build.mjs (esbuild) into the router's jar, so the page needs no CDN.
// Queries and mutations go over HTTP (GraphQL over HTTP), subscriptions over graphql-transport-ws on the same
// path. The headers editor's headers go with every HTTP request, and its Authorization header also goes into the
// WebSocket connection_init payload (browsers cannot set headers on a WebSocket): when it changes, the next
// subscription opens a new connection with the new token.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { getOperationAST, parse } from 'graphql';
import 'graphiql/style.css';

const root = document.getElementById('graphiql');
const endpoint = new URL(root.dataset.endpoint || '/graphql', window.location.href);
const wsEndpoint = endpoint.toString().replace(/^http/, 'ws');
const http = createGraphiQLFetcher({ url: endpoint.toString() });

let ws = null;
let wsAuthorization;

function authorizationOf(headers) {
  if (!headers) return undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === 'authorization' && v) return String(v);
  }
  return undefined;
}

function wsClient(authorization) {
  if (ws && wsAuthorization === authorization) return ws;
  if (ws) ws.dispose();
  wsAuthorization = authorization;
  ws = createClient({
    url: wsEndpoint,
    lazy: true,
    connectionParams: () => (authorization ? { Authorization: authorization } : {}),
  });
  return ws;
}

function isSubscription(params, opts) {
  try {
    const doc = (opts && opts.documentAST) || parse(params.query);
    const op = getOperationAST(doc, params.operationName || undefined);
    return !!op && op.operation === 'subscription';
  } catch {
    return false;
  }
}

function fetcher(params, opts) {
  if (!isSubscription(params, opts)) return http(params, opts);
  const client = wsClient(authorizationOf(opts && opts.headers));
  return client.iterate({
    query: params.query,
    variables: params.variables || undefined,
    operationName: params.operationName || undefined,
  });
}

// ?query=...&variables=...&headers=... prefill the editors (shareable links)
const search = new URLSearchParams(window.location.search);
const props = { fetcher, shouldPersistHeaders: false, defaultEditorToolsVisibility: search.has('headers') ? 'headers' : true };
if (search.has('query')) props.query = search.get('query');
if (search.has('variables')) props.variables = search.get('variables');
if (search.has('headers')) props.headers = search.get('headers');

createRoot(root).render(React.createElement(GraphiQL, props));
