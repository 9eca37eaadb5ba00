#!/usr/bin/env python3
"""Regenerates http.jsonl and websocket.jsonl (the small hostile cases; the large ones are generated in
HostileCorpusTest). One JSON object per line:
  http: name, category, method, path, headers, body | bodyBase64 | null, status, code ("" = success with data,
        null = transport-level refusal: only the status is asserted)
  websocket: name, category, init (send connection_init first), frames (text frames), close (expected close
        code, or null when the connection stays open), expect (message type expected back, or null)
"""
import base64, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
JSON = "application/json"
GQLR = "application/graphql-response+json"
cases = []

def http(name, cat, body=None, status=200, code="", method="POST", path="/graphql", ctype=JSON, accept=None,
         raw=None, extra=None):
    h = {}
    if ctype: h["content-type"] = ctype
    if accept: h["accept"] = accept
    if extra: h.update(extra)
    c = {"name": name, "category": cat, "method": method, "path": path, "headers": h, "status": status, "code": code}
    if raw is not None:
        c["bodyBase64"] = base64.b64encode(raw).decode()
    elif body is not None:
        c["body"] = body if isinstance(body, str) else json.dumps(body)
    else:
        c["body"] = None
    cases.append(c)

def gqlerr(name, cat, body, code, accept_gql=False, **kw):
    """A GraphQL request error: 400 with graphql-response+json, 200 with application/json."""
    http(name, cat, body, 400 if accept_gql else 200, code, accept=GQLR if accept_gql else None, **kw)

# --- broken JSON (transport-level: 400 BAD_REQUEST whatever the Accept header)
valid = '{"query":"{ product(id: \\"1\\") { name } }"}'
for i, cut in enumerate([1, 2, 5, 9, 10, 20, 30, len(valid) - 1]):
    http(f"json-truncated-{i}", "broken-json", valid[:cut], 400, "BAD_REQUEST")
for i, b in enumerate(["{", "}", "[", "{{}}", "{'query':'{ echo }'}", '{"query":"{ echo }",}', '{"query" "{ echo }"}',
                       '{"query":"{ echo }"} trailing', '{"query":NaN}', '{"query":undefined}', '/* c */ {"query":"{ echo }"}',
                       '{"query":"{ echo }" // c\n}', '{"query":"\\x41"}', '{"query":"\\u12"}', '{"query":"unterminated}',
                       '{query:"{ echo }"}', '{"query":"{ echo }"}{"query":"{ echo }"}', '\ufeff{"query":"{ echo }"}x',
                       '{"query":01}', '{"query":-}', '{"query":1e}', '{"query":tru}', '{"query":[1,]}', "", "   ", "\n\n",
                       '{"a":' * 50, '[' * 200, '{"query":"{ echo }","variables":{"a":}}']):
    http(f"json-broken-{i}", "broken-json", b, 400, "BAD_REQUEST")
for i, b in enumerate(["null", "123", "\"{ echo }\"", "true", "false", "1.5", "-0"]):
    http(f"json-not-object-{i}", "broken-json", b, 400, "BAD_REQUEST")

# --- invalid UTF-8 and null bytes
for i, raw in enumerate([b'{"query":"{ echo(text: \\"\xff\\") }"}', b'{"query":"\xc3\x28"}', b'{"query":"\xed\xa0\x80"}',
                         b'{"query":"\xf8\x88\x80\x80\x80"}', b'\xfe\xff\x00{', b'{"query":"{ echo }"\x80}',
                         b'{"qu\xc0\xafery":"{ echo }"}', b'{"query":"\xe2\x82"}']):
    http(f"utf8-invalid-{i}", "invalid-utf8", status=400, code="BAD_REQUEST", raw=raw)
http("nul-raw-in-json", "null-bytes", status=400, code="BAD_REQUEST", raw=b'{"query":"{ echo\x00 }"}')
gqlerr("nul-escaped-in-query", "null-bytes", {"query": "{ echo\u0000 }"}, "GRAPHQL_PARSE_FAILED")
gqlerr("nul-escaped-in-query-gql", "null-bytes", {"query": "\u0000{ echo }"}, "GRAPHQL_PARSE_FAILED", True)
gqlerr("nul-in-operation-name", "null-bytes", {"query": "query A { echo }", "operationName": "A\u0000"},
       "OPERATION_RESOLUTION_FAILURE")
http("nul-in-variable-value", "null-bytes", {"query": "query($t: String) { echo(text: $t) }", "variables": {"t": "a\u0000b"}})
http("nul-in-variable-name", "null-bytes", {"query": "{ echo }", "variables": {"\u0000": 1}})
http("nul-in-string-literal-allowed-by-spec", "null-bytes", {"query": '{ echo(text: "a\u0000b") }'})

# --- request shape
for i, q in enumerate([1, 1.5, True, False, [], ["{ echo }"], {}, {"query": "{ echo }"}]):
    http(f"query-not-string-{i}", "request-shape", {"query": q}, 400, "BAD_REQUEST")
for i, b in enumerate([{}, {"variables": {}}, {"query": None}, {"operationName": "A"}, {"Query": "{ echo }"},
                       {"query": ""}, {"query": "   "}, {"query": "\n\t"}]):
    http(f"query-missing-{i}", "request-shape", b, 400, "BAD_REQUEST")
for i, on in enumerate([1, True, [], {}, ["A"]]):
    http(f"operation-name-not-string-{i}", "request-shape", {"query": "query A { echo }", "operationName": on}, 400, "BAD_REQUEST")
for i, v in enumerate(["{}", "x", 1, True, [], [1], [{}]]):
    http(f"variables-not-object-{i}", "request-shape", {"query": "{ echo }", "variables": v}, 400, "BAD_REQUEST")
for i, e in enumerate(["x", 1, [], True]):
    http(f"extensions-not-object-{i}", "request-shape", {"query": "{ echo }", "extensions": e}, 400, "BAD_REQUEST")
# --- persisted operations (APQ on by default, no trusted documents manifest)
unknown = "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"
gqlerr("persisted-query-unknown-hash", "persisted-query", {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": unknown}}},
       "PERSISTED_QUERY_NOT_FOUND")
gqlerr("persisted-query-unknown-hash-gql", "persisted-query", {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": unknown}}},
       "PERSISTED_QUERY_NOT_FOUND", True)
http("persisted-query-null", "persisted-query", {"extensions": {"persistedQuery": None}}, 400, "BAD_REQUEST", accept=GQLR)
gqlerr("persisted-query-version-2", "persisted-query", {"extensions": {"persistedQuery": {"version": 2, "sha256Hash": unknown}}},
       "PERSISTED_QUERY_NOT_SUPPORTED")
for i, pq in enumerate(["abc", 1, [], {"version": 1}, {"version": 1, "sha256Hash": 5}, {"version": "1", "sha256Hash": unknown}]):
    http(f"persisted-query-malformed-{i}", "persisted-query", {"query": "{ echo }", "extensions": {"persistedQuery": pq}}, 400,
         "BAD_REQUEST" if i != 5 else "PERSISTED_QUERY_NOT_SUPPORTED", accept=GQLR)
gqlerr("persisted-query-hash-mismatch", "persisted-query", {"query": "{ echo }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": unknown}}},
       "PERSISTED_QUERY_HASH_MISMATCH")
gqlerr("persisted-query-short-hash", "persisted-query", {"query": "{ echo }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "00"}}},
       "PERSISTED_QUERY_HASH_MISMATCH")
gqlerr("document-id-unknown", "persisted-query", {"documentId": "sha256:" + unknown}, "PERSISTED_QUERY_NOT_IN_LIST")
gqlerr("document-id-garbage", "persisted-query", {"documentId": "../../etc/passwd"}, "PERSISTED_QUERY_NOT_IN_LIST", True)
http("document-id-number", "persisted-query", {"documentId": 5}, 400, "BAD_REQUEST")
http("apq-get-unknown-hash", "persisted-query", None, 200, "PERSISTED_QUERY_NOT_FOUND", method="GET", ctype=None,
     path="/graphql?extensions=" + "%7B%22persistedQuery%22%3A%7B%22version%22%3A1%2C%22sha256Hash%22%3A%22" + unknown + "%22%7D%7D")

# --- compressed request bodies (gzip and deflate accepted; the size limit applies after decompression)
import gzip, zlib
http("gzip-body-runs", "compression", raw=gzip.compress(b'{"query":"{ echo }"}', mtime=0), extra={"content-encoding": "gzip"})
http("deflate-body-runs", "compression", raw=zlib.compress(b'{"query":"{ echo }"}'), extra={"content-encoding": "deflate"})
http("gzip-body-not-gzip", "compression", status=400, code="BAD_REQUEST", raw=b'{"query":"{ echo }"}', extra={"content-encoding": "gzip"})
http("gzip-body-truncated", "compression", status=400, code="BAD_REQUEST", raw=gzip.compress(b'{"query":"{ echo }"}', mtime=0)[:12],
     extra={"content-encoding": "gzip"})
http("gzip-body-empty", "compression", status=400, code="BAD_REQUEST", raw=b'', extra={"content-encoding": "gzip"})
http("gzip-of-gzip-body", "compression", status=400, code="BAD_REQUEST", raw=gzip.compress(gzip.compress(b'{"query":"{ echo }"}', mtime=0), mtime=0),
     extra={"content-encoding": "gzip"})
for i, enc in enumerate(["br", "zstd", "gzip, gzip", "compress", "x-unknown", "gzip,identity"]):
    http(f"content-encoding-unsupported-{i}", "compression", status=415, code="UNSUPPORTED_CONTENT_ENCODING",
         raw=gzip.compress(b'{"query":"{ echo }"}', mtime=0), extra={"content-encoding": enc})
http("gzip-body-invalid-json-inside", "compression", status=400, code="BAD_REQUEST", raw=gzip.compress(b'{"query":', mtime=0),
     extra={"content-encoding": "gzip"})

# --- cost: nested lists multiply (assumed list size 10, maximum 50 000)
gqlerr("cost-too-expensive", "cost", {"query": "{ products { related { related { related { related { id } } } } } }"},
       "COST_ESTIMATED_TOO_EXPENSIVE")
gqlerr("cost-too-expensive-with-variables", "cost", {"query": "query($n: Int) { search(text: \"a\", first: $n) { related { related { related { related { id } } } } } }",
       "variables": {"n": 100}}, "COST_ESTIMATED_TOO_EXPENSIVE", True)
http("cost-admitted", "cost", {"query": "{ products { related { id } } }"})

# --- CORS: no origin configured on this router, so a preflight is not answered as one (nothing runs)
http("cors-preflight-without-configured-origins", "cors", None, 405, "METHOD_NOT_ALLOWED", method="OPTIONS", ctype=None,
     extra={"origin": "https://evil.example", "access-control-request-method": "POST"})

# --- batching is off by default
http("batch-refused-when-off", "batching", [{"query": "{ echo }"}, {"query": "{ echo }"}], 400, "BATCHING_NOT_SUPPORTED")

# --- batch arrays: refused
for i, b in enumerate([[], [{}], [{"query": "{ echo }"}], [{"query": "{ echo }"}] * 2, [{"query": "{ echo }"}] * 1000,
                       [[{"query": "{ echo }"}]], [None], ["{ echo }"]]):
    http(f"batch-{i}", "batch", b, 400, "BATCHING_NOT_SUPPORTED")

# --- methods and content types
for m in ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]:
    http(f"method-{m.lower()}", "methods", {"query": "{ echo }"}, 405, "METHOD_NOT_ALLOWED", method=m)
http("method-head", "methods", None, 405, None, method="HEAD")
http("get-mutation", "methods", None, 405, "METHOD_NOT_ALLOWED", method="GET",
     path="/graphql?query=mutation%20%7B%20rename(id%3A%221%22%2C%20name%3A%22x%22)%20%7B%20id%20%7D%20%7D", ctype=None)
http("get-mutation-named", "methods", None, 405, "METHOD_NOT_ALLOWED", method="GET",
     path="/graphql?query=query%20A%20%7B%20echo%20%7D%20mutation%20B%20%7B%20rename(id%3A%221%22%2C%20name%3A%22x%22)%20%7B%20id%20%7D%20%7D&operationName=B", ctype=None)
http("get-subscription-shaped", "methods", None, 200, "GRAPHQL_VALIDATION_FAILED", method="GET",
     path="/graphql?query=subscription%20%7B%20echo%20%7D", ctype=None)
http("get-missing-query", "methods", None, 400, "BAD_REQUEST", method="GET", path="/graphql?foo=1", ctype=None)
http("get-empty-query", "methods", None, 400, "BAD_REQUEST", method="GET", path="/graphql?query=", ctype=None)
http("get-bad-variables-json", "methods", None, 400, "BAD_REQUEST", method="GET",
     path="/graphql?query=%7B%20echo%20%7D&variables=%7Bnope", ctype=None)
http("get-bad-extensions-json", "methods", None, 400, "BAD_REQUEST", method="GET",
     path="/graphql?query=%7B%20echo%20%7D&extensions=%5B", ctype=None)
http("get-variables-array", "methods", None, 400, "BAD_REQUEST", method="GET",
     path="/graphql?query=%7B%20echo%20%7D&variables=%5B1%5D", ctype=None)
http("get-syntax-error", "methods", None, 200, "GRAPHQL_PARSE_FAILED", method="GET", path="/graphql?query=%7B", ctype=None)
http("get-query-nul", "methods", None, 200, "GRAPHQL_PARSE_FAILED", method="GET", path="/graphql?query=%00", ctype=None)
http("get-query-invalid-utf8", "methods", None, 200, "GRAPHQL_PARSE_FAILED", method="GET", path="/graphql?query=%7B%FF%FE%7D", ctype=None)
for i, ct in enumerate([None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "application/xml", "application/graphql", "text/json", "application/", "*/*", "application/jsonp"]):
    status = 415
    if ct == "application/jsonp": continue
    http(f"content-type-{i}", "content-type", {"query": "{ echo }"}, status, "BAD_REQUEST", ctype=ct)

# --- syntax errors
syntax = ["{", "}", "{ echo", "{ echo }}", "query", "query {", "{ product(id: ) { id } }", "{ product(id: \"1\" { id } }",
          "{ product(id: \"1) { id } }", "{ ... }", "{ ...on }", "fragment on Query { echo }", "query A($: Int) { echo }",
          "query A($a Int) { echo }", "{ echo @ }", "{ echo(text: \"\"\"unterminated) }", "{ echo(text: 'x') }",
          "{ echo(text: \"\\uZZZZ\") }", "{ 1echo }", "{ echo(matrix: [[1,2]) }", "{ echo(input: {value: }) }",
          "mutation", "subscription {", "{ echo } garbage", "query A { echo } query", "#only a comment", "{ echo(text: $) }",
          "{ echo(text: \"a\nb\") }", "{ product(id: 1e) { id } }", "{ product(id: 0x10) { id } }", "directive @x on FIELD",
          "type Foo { a: Int }", "schema { query: Query }", "extend type Query { x: Int }", "scalar Foo"]
for i, q in enumerate(syntax):
    code = "GRAPHQL_VALIDATION_FAILED" if q.split(" ")[0] in ("directive", "type", "schema", "extend", "scalar") else "GRAPHQL_PARSE_FAILED"
    gqlerr(f"syntax-{i}", "syntax", {"query": q}, code, i % 3 == 0)

# --- validation errors
validation = ["{ nope }", "{ product { id } }", "{ product(id: \"1\") }", "{ product(id: \"1\") { nope } }",
              "{ product(id: \"1\", extra: 1) { id } }", "{ echo { x } }", "{ product(id: [1,2]) { id } }",
              "{ products(first: \"ten\") { id } }", "{ products(sort: NOPE) { id } }", "{ products(filter: {nope: 1}) { id } }",
              "{ ...Missing }", "fragment F on Query { echo } { echo }", "{ ...F } fragment F on Nope { id }",
              "query($a: Int) { echo }", "{ echo(text: $undefined) }", "query A { echo } query A { echo }",
              "{ echo } query A { echo }", "subscription { echo }", "{ echo @nope }", "{ echo @skip }",
              "{ echo @include(if: \"yes\") }", "query($a: Nope) { echo }", "query($a: ProductFilter) { echo(text: $a) }",
              "{ product(id: \"1\") { ... on Review { body } } }", "{ a: echo a: product(id: \"1\") { id } }",
              "{ echo(text: \"a\", text: \"b\") }", "query($x: Int, $x: Int) { echo }", "{ __type { name } }",
              "{ __schema { nope } }", "{ topReviews { product } }",
              # fragment cycles
              "{ ...A } fragment A on Query { ...A }", "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
              "{ product(id: \"1\") { ...P } } fragment P on Product { related { ...P } }",
              "{ ...A } fragment A on Query { echo ...B } fragment B on Query { ...C } fragment C on Query { ...A }",
              "{ ...A } fragment A on Query { ... on Query { ...A } }",
              "{ product(id: \"1\") { ...P } } fragment P on Product { category { ...C } } fragment C on Category { products { ...P } }",
              "fragment A on Query { ...A } { echo }"]
for i, q in enumerate(validation):
    gqlerr(f"validation-{i}", "fragment-cycle" if "...A" in q or "...P" in q else "validation", {"query": q},
           "GRAPHQL_VALIDATION_FAILED", i % 2 == 0)

# --- operations and operationName
ops = [("query A { echo } query B { echo }", None), ("query A { echo } query B { echo }", "C"), ("query A { echo }", "B"),
       ("{ echo }", "A"), ("query A { echo }", "a"), ("query A { echo } query B { echo }", " A"), ("fragment F on Query { echo }", None),
       ("query A { echo }", "A" * 10000)]
for i, (q, on) in enumerate(ops):
    code = "GRAPHQL_VALIDATION_FAILED" if q.startswith("fragment") else "OPERATION_RESOLUTION_FAILURE"
    gqlerr(f"operation-{i}", "operations", {"query": q, "operationName": on}, code, i % 2 == 0)

# --- variables of the wrong type
var_cases = [("Int!", "products(first: $v) { id }", "ten"), ("Int!", "products(first: $v) { id }", 1.5),
             ("Int!", "products(first: $v) { id }", None), ("Int!", "products(first: $v) { id }", True),
             ("Int!", "products(first: $v) { id }", [1]), ("Int!", "products(first: $v) { id }", {"a": 1}),
             ("Int!", "products(first: $v) { id }", 2 ** 31), ("Int!", "products(first: $v) { id }", 10 ** 30),
             ("Int!", "products(first: $v) { id }", -2 ** 31 - 1), ("ID!", "product(id: $v) { id }", {"id": 1}),
             ("ID!", "product(id: $v) { id }", [1]), ("ID!", "product(id: $v) { id }", True), ("ID!", "product(id: $v) { id }", 1.5),
             ("Sort", "products(sort: $v) { id }", "NOPE"), ("Sort", "products(sort: $v) { id }", 1),
             ("ProductFilter", "products(filter: $v) { id }", {"nope": 1}), ("ProductFilter", "products(filter: $v) { id }", "x"),
             ("ProductFilter", "products(filter: $v) { id }", {"minPrice": "cheap"}),
             ("ProductFilter", "products(filter: $v) { id }", {"nested": {"nested": {"name": 5}}}),
             ("[[Int]]", "echo(matrix: $v)", [["a"]]), ("[[Int]]", "echo(matrix: $v)", [[{"x": 1}]]),
             ("String", "echo(text: $v)", {"a": "b"}), ("String", "echo(text: $v)", ["a"]), ("EchoInput", "echo(input: $v)", [1, 2]),
             ("String!", "echo(text: $v)", None)]
for i, (t, sel, val) in enumerate(var_cases):
    gqlerr(f"variable-type-{i}", "variables", {"query": f"query($v: {t}) {{ {sel} }}", "variables": {"v": val}},
           "BAD_USER_INPUT", i % 2 == 0)
gqlerr("variable-missing-required", "variables", {"query": "query($v: ID!) { product(id: $v) { id } }", "variables": {}}, "BAD_USER_INPUT")
gqlerr("variable-missing-no-variables", "variables", {"query": "query($v: ID!) { product(id: $v) { id } }"}, "BAD_USER_INPUT", True)

# --- page size (limit 100): refused before the subgraphs
for i, q in enumerate(["{ products(first: 101) { id } }", "{ products(first: 1000000) { id } }",
                       "{ search(text: \"a\", last: 500) { id } }", "{ product(id: \"1\") { related(first: 1000) { id } } }",
                       "{ product(id: \"1\") { reviews(first: 101) { id } } }", "{ category(id: \"c\") { products(last: 9999) { id } } }",
                       "{ ...F } fragment F on Query { products(first: 200) { id } }",
                       "{ products(first: 99999999999999999999) { id } }"]):
    gqlerr(f"page-literal-{i}", "page-size", {"query": q}, "BAD_USER_INPUT", i % 2 == 0)
for i, (q, v) in enumerate([("query($n: Int) { products(first: $n) { id } }", {"n": 101}),
                            ("query($n: Int) { products(first: $n) { id } }", {"n": 2147483647}),
                            ("query($n: Int = 500) { products(first: $n) { id } }", {}),
                            ("query($n: Int!) { search(text: \"x\", last: $n) { id } }", {"n": 1000}),
                            ("query($n: Int) { ...F } fragment F on Query { topReviews(first: $n) { id } }", {"n": 150}),
                            ("query($n: Int) { product(id: \"1\") { related(first: $n) { id } } }", {"n": 100000})]):
    gqlerr(f"page-variable-{i}", "page-size", {"query": q, "variables": v}, "BAD_USER_INPUT", i % 2 == 1)
http("page-100-admitted", "page-size", {"query": "{ products(first: 100) { id } }"})
http("page-variable-100-admitted", "page-size", {"query": "query($n: Int) { products(first: $n) { id } }", "variables": {"n": 100}})

# --- introspection bombs
bomb = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }"
for i, q in enumerate([bomb,
                       "{ __type(name: \"Product\") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }",
                       "{ __schema { types { interfaces { fields { args { type { name } } } } } } }",
                       "{ __schema { types { possibleTypes { fields { type { inputFields { name } } } } } } }",
                       "{ __schema { ...T } } fragment T on __Schema { types { fields { type { fields { type { fields { name } } } } } } }",
                       "{ __schema { types { ...F } } } fragment F on __Type { fields { type { ...G } } } fragment G on __Type { fields { type { fields { name } } } }"]):
    gqlerr(f"introspection-bomb-{i}", "introspection", {"query": q}, "MAX_INTROSPECTION_DEPTH_EXCEEDED", i % 2 == 0)
http("introspection-shallow-admitted", "introspection", {"query": "{ __type(name: \"Product\") { name fields { name type { name kind ofType { name } } } } }"})

# --- limits on small documents
gqlerr("root-fields-33", "limits", {"query": "{ " + " ".join(f"a{i}: echo" for i in range(33)) + " }"}, "MAX_ROOT_FIELDS_EXCEEDED")
gqlerr("aliases-101", "limits", {"query": "{ product(id: \"1\") { " + " ".join(f"a{i}: id" for i in range(101)) + " } }"}, "MAX_ALIASES_EXCEEDED", True)
deep26 = "{ category(id: \"c\") { " + "parent { " * 24 + "id" + " }" * 24 + " } }"
gqlerr("depth-26", "limits", {"query": deep26}, "MAX_DEPTH_EXCEEDED")
deep15 = "{ category(id: \"c\") { " + "parent { " * 13 + "id" + " }" * 13 + " } }"
http("depth-15-admitted", "limits", {"query": deep15})

# --- odd paths and headers
http("unknown-path", "paths", None, 404, "NOT_FOUND", method="GET", path="/graphqlx", ctype=None)
http("path-traversal", "paths", None, 404, "NOT_FOUND", method="GET", path="/../../etc/passwd", ctype=None)
http("accept-garbage", "headers", {"query": "{ nope }"}, 200, "GRAPHQL_VALIDATION_FAILED", accept="x/y;;;q=;,,")
http("authorization-garbage-no-jwks", "headers", {"query": "{ echo }"}, extra={"authorization": "Bearer " + "x" * 2000})

with open(os.path.join(HERE, "http.jsonl"), "w") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=True) + "\n")

# --- WebSocket (graphql-transport-ws)
ws = []
def wsc(name, frames, close=None, expect=None, init=True, cat="websocket"):
    ws.append({"name": name, "category": cat, "init": init, "frames": frames, "close": close, "expect": expect})
for i, f in enumerate(["{", "not json", "", "[]", "null", "1", "\"connection_init\"", "{\"type\":}", "\u0000"]):
    wsc(f"ws-invalid-json-{i}", [f], 4400)
for i, t in enumerate(["nope", "", "CONNECTION_INIT", "start", "connection_terminate", "data", None, 1, {"a": 1}]):
    wsc(f"ws-unknown-type-{i}", [json.dumps({"type": t, "id": "1"})], 4400)
sub = {"type": "subscribe", "id": "1", "payload": {"query": "{ echo }"}}
wsc("ws-subscribe-before-init", [json.dumps(sub)], 4401, init=False)
wsc("ws-double-init", [json.dumps({"type": "connection_init"})], 4429)
wsc("ws-subscribe-no-id", [json.dumps({"type": "subscribe", "payload": {"query": "{ echo }"}})], 4400)
wsc("ws-subscribe-numeric-id", [json.dumps({"type": "subscribe", "id": 1, "payload": {"query": "{ echo }"}})], 4400)
wsc("ws-subscribe-empty-id", [json.dumps({"type": "subscribe", "id": "", "payload": {"query": "{ echo }"}})], 4400)
wsc("ws-subscribe-no-payload", [json.dumps({"type": "subscribe", "id": "1"})], 4400)
wsc("ws-subscribe-payload-string", [json.dumps({"type": "subscribe", "id": "1", "payload": "{ echo }"})], 4400)
slow = {"type": "subscribe", "id": "dup", "payload": {"query": "{ slow }"}}
for i, q in enumerate(["{", "{ nope }", "query A { echo } query B { echo }", "{ products(first: 1000) { id } }",
                       "{ ...A } fragment A on Query { ...A }", bomb]):
    wsc(f"ws-bad-operation-{i}", [json.dumps({"type": "subscribe", "id": "e", "payload": {"query": q}})], None, "error")
wsc("ws-subscribe-query-missing", [json.dumps({"type": "subscribe", "id": "e", "payload": {"variables": {}}})], None, "error")
wsc("ws-subscribe-query-number", [json.dumps({"type": "subscribe", "id": "e", "payload": {"query": 5}})], None, "error")
wsc("ws-subscribe-bad-variables", [json.dumps({"type": "subscribe", "id": "e", "payload": {
    "query": "query($v: Int!) { products(first: $v) { id } }", "variables": {"v": "x"}}})], None, "error")
wsc("ws-persisted-query-unknown", [json.dumps({"type": "subscribe", "id": "p", "payload": {"extensions": {"persistedQuery": {
    "version": 1, "sha256Hash": "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"}}}})], None, "error")
wsc("ws-too-expensive", [json.dumps({"type": "subscribe", "id": "c", "payload": {
    "query": "{ products { related { related { related { related { id } } } } } }"}})], None, "error")
wsc("ws-complete-unknown-id", [json.dumps({"type": "complete", "id": "never"})], None, None)
wsc("ws-complete-no-id", [json.dumps({"type": "complete"})], None, None)
wsc("ws-ping-garbage-payload", [json.dumps({"type": "ping", "payload": [1, 2]})], None, "pong")
deepjson = "{\"type\":\"subscribe\",\"id\":\"d\",\"payload\":{\"query\":\"{ echo }\",\"variables\":{\"x\":" + "[" * 5000 + "]" * 5000 + "}}}"
wsc("ws-deep-json", [deepjson], 4400)
with open(os.path.join(HERE, "websocket.jsonl"), "w") as f:
    for c in ws:
        f.write(json.dumps(c, ensure_ascii=True) + "\n")
print(len(cases), "http cases,", len(ws), "websocket cases")
