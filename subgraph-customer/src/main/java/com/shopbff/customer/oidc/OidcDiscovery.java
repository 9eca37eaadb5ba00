package com.shopbff.customer.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An issuer's OpenID Provider metadata from its discovery document ({@code /.well-known/openid-configuration}),
 * read on first use and kept for an hour, with a caching key source over its JWKS (refetched on an unknown key id).
 */
@Component
public class OidcDiscovery {
    private static final Duration KEEP = Duration.ofHours(1);
    private static final int MAX_DOCUMENT = 256 * 1024;

    private final HttpClient http;
    private final OidcProperties properties;
    private final Map<String, Metadata> cache = new ConcurrentHashMap<>();

    public OidcDiscovery(OidcProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.httpTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What we use of the metadata, and the issuer's keys. */
    public record Metadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, Set<JWSAlgorithm> idTokenAlgorithms,
                           JWKSource<SecurityContext> keys, Instant loadedAt) {}

    public static final class DiscoveryException extends Exception {
        DiscoveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Metadata metadata(OidcProperties.Provider provider) throws DiscoveryException {
        Metadata m = cache.get(provider.issuer());
        if (m != null && m.loadedAt().plus(KEEP).isAfter(Instant.now())) return m;
        m = load(provider.issuer());
        cache.put(provider.issuer(), m);
        return m;
    }

    public HttpClient http() {
        return http;
    }

    private Metadata load(String issuer) throws DiscoveryException {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                    .timeout(properties.httpTimeout()).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new DiscoveryException("discovery of " + issuer + " answered HTTP " + response.statusCode(), null);
            if (response.body().length() > MAX_DOCUMENT) throw new DiscoveryException("discovery document of " + issuer + " is too large", null);
            Map<String, Object> doc = JSONObjectUtils.parse(response.body());
            String declared = JSONObjectUtils.getString(doc, "issuer");
            // OpenID Connect Discovery 1.0 §4.3: the document must name exactly the issuer it was fetched for.
            if (!issuer.equals(declared)) throw new DiscoveryException("discovery of " + issuer + " declares issuer " + declared, null);
            URI authorization = JSONObjectUtils.getURI(doc, "authorization_endpoint");
            URI token = JSONObjectUtils.getURI(doc, "token_endpoint");
            URI jwks = JSONObjectUtils.getURI(doc, "jwks_uri");
            if (authorization == null || token == null || jwks == null)
                throw new DiscoveryException("discovery document of " + issuer + " lacks an endpoint", null);
            Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
            List<String> declaredAlgs = doc.get("id_token_signing_alg_values_supported") instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList() : List.of();
            for (String a : declaredAlgs) {
                JWSAlgorithm alg = JWSAlgorithm.parse(a);
                // Asymmetric only: "none" and HMAC (keyed with the client secret) are refused.
                if (JWSAlgorithm.Family.RSA.contains(alg) || JWSAlgorithm.Family.EC.contains(alg)) algorithms.add(alg);
            }
            if (algorithms.isEmpty()) algorithms.add(JWSAlgorithm.RS256);
            int timeoutMs = (int) properties.httpTimeout().toMillis();
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwks.toURL(),
                    new DefaultResourceRetriever(timeoutMs, timeoutMs, MAX_DOCUMENT)).retrying(true).build();
            return new Metadata(issuer, authorization, token, Set.copyOf(algorithms), keys, Instant.now());
        } catch (IOException | ParseException | IllegalArgumentException e) {
            throw new DiscoveryException("discovery of " + issuer + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted during discovery of " + issuer, e);
        }
    }
}
