# syntax=docker/dockerfile:1.7
# The router's image, built from the repository root by Maven, with the composed supergraph inside:
#   docker build -f deploy/docker/router.Dockerfile -t shop/bff-router .
# Subgraph addresses come from SUBGRAPH_<NAME>_URL at run time (the supergraph's are the local ports).
ARG JAVA_VERSION=25

FROM maven:3.9-eclipse-temurin-${JAVA_VERSION} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -pl bff-router -am package -DskipTests && cp bff-router/target/bff-router.jar /bff-router.jar

FROM eclipse-temurin:${JAVA_VERSION}-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 shop && useradd --system --uid 10001 --gid shop --no-create-home shop
WORKDIR /app
COPY --from=build /bff-router.jar app.jar
COPY schema/supergraph.graphql supergraph.graphql
USER 10001:10001
# SerialGC: the router works on one event loop per core and its garbage dies young (bff-router/README.md, Performance).
ENV ROUTER_PORT=4000 \
    SUPERGRAPH_PATH=/app/supergraph.graphql \
    JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
EXPOSE 4000
HEALTHCHECK --interval=5s --timeout=2s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${ROUTER_PORT}/health" > /dev/null || exit 1
ENTRYPOINT ["java", "-jar", "app.jar"]
