# syntax=docker/dockerfile:1.7
# The image of one subgraph, built from the repository root (the build context) by Maven:
#   docker build -f deploy/docker/subgraph.Dockerfile --build-arg SUBGRAPH=orders --build-arg PORT=4003 -t shop/subgraph-orders .
# SUBGRAPH: customer | catalog | orders | wallet | notifications; PORT: its port (4001 | 4002 | 4003 | 4004 | 4005).
# Stages: build (Maven, the same `package` as ./run.sh builds) -> extract (Spring Boot's layered jar: lib/ + app.jar)
# -> runtime (Temurin JRE, non-root, an AOT cache trained at build time, a health check on the readiness probe).
ARG JAVA_VERSION=25

FROM maven:3.9-eclipse-temurin-${JAVA_VERSION} AS build
ARG SUBGRAPH
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${SUBGRAPH}" || { echo "--build-arg SUBGRAPH=<customer|catalog|orders|wallet|notifications> is required" >&2; exit 1; }; \
    mvn -B -ntp -q -pl subgraph-${SUBGRAPH} -am package -DskipTests \
    && mkdir -p /out && cp subgraph-${SUBGRAPH}/target/subgraph-${SUBGRAPH}-*-exec.jar /out/service.jar

FROM eclipse-temurin:${JAVA_VERSION}-jre AS extract
WORKDIR /x
COPY --from=build /out/service.jar service.jar
RUN java -Djarmode=tools -jar service.jar extract --destination app && mv app/service.jar app/app.jar

FROM eclipse-temurin:${JAVA_VERSION}-jre
ARG PORT
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 shop && useradd --system --uid 10001 --gid shop --no-create-home shop
WORKDIR /app
COPY --from=extract /x/app/lib lib
COPY --from=extract /x/app/app.jar app.jar
# Ahead-of-time class cache (JDK 25, JEP 483/514): one training run that builds the application context and exits
# before serving (spring.context.exit=onRefresh). Nothing external is needed; a bean that reads MongoDB while the
# context starts gives up after 100 ms, and the cache keeps what was loaded until then. Start-up about halves.
RUN MONGODB_URI='mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100' KAFKA_TOPICS_CREATE=false SERVER_PORT=0 \
    java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar > /tmp/aot-training.log 2>&1; \
    test -f app.aot || { tail -50 /tmp/aot-training.log; exit 1; }
USER 10001:10001
# SERVER_PORT (Spring Boot) overrides the subgraph's own default port; the health check follows it.
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" > /dev/null || exit 1
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
