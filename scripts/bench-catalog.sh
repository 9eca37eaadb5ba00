#!/usr/bin/env bash
# Catalog search benchmark: seeds 100 000 products and prints p50/p95 for search, category filter and deep paging.
#   scripts/bench-catalog.sh                      # in-process: embedded MongoDB + Kafka + catalog subgraph
#   scripts/bench-catalog.sh --url http://localhost:4000/graphql --mongo-uri mongodb://localhost:27017 --kafka localhost:9092
#                                                 # against a running stack (e.g. through the router)
# More options: --products N (100000), --samples N (300), --database D (shop_catalog), --seed false (measure what is
# there). With --url it waits until the machine is quiet before measuring (at most --await-quiet-seconds, 600).
# See subgraph-catalog/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-env.sh
cp_file=subgraph-catalog/target/bench.classpath
mvn -B -ntp -q -pl subgraph-catalog -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test
cp="subgraph-catalog/target/test-classes:subgraph-catalog/target/classes:schema/target/classes:embedded-infra/target/classes:subgraph-support/target/classes:$(cat "$cp_file")"
exec "$JAVA" -Xmx2g -cp "$cp" com.shopbff.catalog.bench.CatalogSearchBenchmark "$@"
