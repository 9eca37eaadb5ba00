package com.shopbff.router.http;

/**
 * The GraphiQL page. It loads GraphiQL from a CDN in the browser (the router ships no JavaScript; see the
 * README) and points at {@code /graphql} for HTTP and the same path over WebSocket for subscriptions.
 */
final class GraphiQL {
    private GraphiQL() {
    }

    static final String HTML = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8"/>
              <title>GraphiQL - bff-router</title>
              <style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
              <link rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css"/>
              <script crossorigin src="https://unpkg.com/react@18/umd/react.production.min.js"></script>
              <script crossorigin src="https://unpkg.com/react-dom@18/umd/react-dom.production.min.js"></script>
              <script crossorigin src="https://unpkg.com/graphiql@3.8.3/graphiql.min.js"></script>
            </head>
            <body>
              <div id="graphiql">Loading GraphiQL…</div>
              <script>
                const url = new URL('/graphql', window.location.href).toString();
                const wsUrl = url.replace(/^http/, 'ws');
                const fetcher = GraphiQL.createFetcher({ url, subscriptionUrl: wsUrl });
                ReactDOM.createRoot(document.getElementById('graphiql'))
                  .render(React.createElement(GraphiQL, { fetcher }));
              </script>
            </body>
            </html>
            """;
}
