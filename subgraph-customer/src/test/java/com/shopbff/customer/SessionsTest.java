package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.shopbff.customer.session.AccessTokens;
import com.shopbff.customer.session.SecurityProperties;
import com.shopbff.customer.session.SigningKeys;
import com.shopbff.support.auth.Role;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest extends CustomerIntegrationTest {
    private static final String REFRESH = "mutation($t: String!) { refreshSession(refreshToken: $t) { " + SESSION + " } }";
    private static final String SIGN_OUT = "mutation($t: String!) { signOut(refreshToken: $t) { userErrors { code field } } }";

    @Autowired
    AccessTokens accessTokens;
    @Autowired
    SigningKeys signingKeys;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    SecurityProperties securityProperties;

    private DocumentContext refresh(String token) {
        return gql(REFRESH, Map.of("t", token));
    }

    private DocumentContext me(String accessToken) {
        return gql("{ me { id role } }", Map.of(), accessToken);
    }

    @Test
    void accessTokensCarrySubjectRoleJtiAndKeyIdAndLastFifteenMinutes() throws Exception {
        Account a = signUp("claims");
        SignedJWT jwt = SignedJWT.parse(a.accessToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(signingKeys.currentKey().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(a.id());
        assertThat(claims.getIssuer()).isEqualTo("shop-customer");
        assertThat(claims.getStringClaim("role")).isEqualTo("CUSTOMER");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getDateClaim("auth_time")).isNotNull();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theJwksEndpointLetsAnyOtherSubgraphVerifyTheTokens() throws Exception {
        var response = get(baseUrl() + "/.well-known/jwks.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(signingKeys.currentKey().getKeyID()).doesNotContain("\"d\"");
        // Exactly the decoder subgraph-support builds for the other subgraphs.
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/.well-known/jwks.json").jwsAlgorithm(SignatureAlgorithm.ES256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer("shop-customer"));
        Account a = signUp("jwks");
        Jwt jwt = decoder.decode(a.accessToken());
        assertThat(jwt.getSubject()).isEqualTo(a.id());
    }

    @Test
    void aTokenTamperedInItsPayloadIsUnauthenticated() {
        Account a = signUp("tamper");
        String[] parts = a.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"CUSTOMER\"", "\"ADMIN\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(codes(me(forged))).containsExactly("UNAUTHENTICATED");
        assertThat(codes(gql("{ customers { totalCount } }", Map.of(), forged))).containsExactly("UNAUTHENTICATED");
        assertThat(codes(me(a.accessToken() + "x"))).containsExactly("UNAUTHENTICATED");
        assertThat(codes(me("not-a-jwt"))).containsExactly("UNAUTHENTICATED");
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        Account a = signUp("expired");
        String expired = accessTokens.issue(a.id(), Role.CUSTOMER, Duration.ofMinutes(-5)).token();
        DocumentContext r = me(expired);
        assertThat(codes(r)).containsExactly("UNAUTHENTICATED");
        assertThat((Object) r.read("$.data.me")).isNull();
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderOurKeyIdIsUnauthenticated() throws Exception {
        var stranger = new ECKeyGenerator(Curve.P_256).keyID(signingKeys.currentKey().getKeyID()).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(stranger.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer("shop-customer").subject("someone").claim("role", "ADMIN").jwtID("x")
                        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
        jwt.sign(new ECDSASigner(stranger));
        assertThat(codes(me(jwt.serialize()))).containsExactly("UNAUTHENTICATED");
    }

    @Test
    void aRefreshTokenGivesANewWorkingSessionAndIsRotated() {
        Account a = signUp("refresh");
        DocumentContext r = refresh(a.refreshToken());
        String access = r.read("$.data.refreshSession.session.accessToken");
        String rotated = r.read("$.data.refreshSession.session.refreshToken");
        assertThat(rotated).isNotEqualTo(a.refreshToken());
        assertThat((String) me(access).read("$.data.me.id")).isEqualTo(a.id());
        assertThat((String) r.read("$.data.refreshSession.customer.email")).isEqualTo(a.email());
        // A refresh is no new sign-in: auth_time stays that of the sign-up.
        assertThat(AccessTokens.authTimeOf(access)).isEqualTo(AccessTokens.authTimeOf(a.accessToken()));
        // And again with the new one.
        assertThat((Object) refresh(rotated).read("$.data.refreshSession.session.accessToken")).isNotNull();
    }

    @Test
    void reusingAReplacedRefreshTokenRevokesTheWholeFamily() {
        Account a = signUp("reuse");
        String second = refresh(a.refreshToken()).read("$.data.refreshSession.session.refreshToken");
        DocumentContext reuse = refresh(a.refreshToken());
        assertThat((Object) reuse.read("$.data.refreshSession.session")).isNull();
        assertThat((List<String>) reuse.read("$.data.refreshSession.userErrors[*].code")).containsExactly("REFRESH_TOKEN_REUSED");
        assertThat((List<String>) reuse.read("$.data.refreshSession.userErrors[0].field")).containsExactly("refreshToken");
        // The thief's (or the owner's) newer token is dead too.
        DocumentContext after = refresh(second);
        assertThat((Object) after.read("$.data.refreshSession.session")).isNull();
        assertThat((List<String>) after.read("$.data.refreshSession.userErrors[*].code")).containsExactly("REFRESH_TOKEN_REVOKED");
    }

    @Test
    void signOutRevokesTheRefreshToken() {
        Account a = signUp("out");
        DocumentContext out = gql(SIGN_OUT, Map.of("t", a.refreshToken()), a.accessToken());
        assertThat((List<?>) out.read("$.data.signOut.userErrors")).isEmpty();
        DocumentContext again = refresh(a.refreshToken());
        assertThat((Object) again.read("$.data.refreshSession.session")).isNull();
        assertThat((List<String>) again.read("$.data.refreshSession.userErrors[*].code")).containsExactly("REFRESH_TOKEN_REVOKED");
        // Other sessions of the same customer stay.
        DocumentContext other = gql("mutation($i: SignInInput!) { signIn(input: $i) { " + SESSION + " } }",
                Map.of("i", Map.of("email", a.email(), "password", PASSWORD)), null, Map.of("X-Forwarded-For", "192.0.2.77"));
        assertThat((Object) refresh(other.read("$.data.signIn.session.refreshToken")).read("$.data.refreshSession.session")).isNotNull();
    }

    @Test
    void unknownOrMalformedRefreshTokensAreUserErrors() {
        for (String token : List.of("", "garbage", "abc.def", "x".repeat(500))) {
            DocumentContext r = refresh(token);
            assertThat((Object) r.read("$.data.refreshSession.session")).as(token).isNull();
            assertThat((List<String>) r.read("$.data.refreshSession.userErrors[*].code")).as(token).containsExactly("INVALID_REFRESH_TOKEN");
        }
        assertThat((List<String>) gql(SIGN_OUT, Map.of("t", "garbage")).read("$.data.signOut.userErrors[*].code")).containsExactly("INVALID_REFRESH_TOKEN");
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        Account a = signUp("hashed");
        String family = a.refreshToken().substring(0, a.refreshToken().indexOf('.'));
        String secret = a.refreshToken().substring(a.refreshToken().indexOf('.') + 1);
        Document stored = mongo.findById(family, Document.class, "refresh_sessions");
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(secret);
        assertThat(stored.getString("currentHash")).hasSize(64);
    }

    @Test
    void rotatingTheSigningKeySignsOutNobodyAndKeysSurviveARestart() throws Exception {
        Account a = signUp("rotate");
        String oldKid = signingKeys.currentKey().getKeyID();
        signingKeys.rotate();
        String newKid = signingKeys.currentKey().getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid);
        // Tokens signed before the rotation still verify; new ones use the new key; the JWKS lists both.
        assertThat((String) me(a.accessToken()).read("$.data.me.id")).isEqualTo(a.id());
        String fresh = refresh(a.refreshToken()).read("$.data.refreshSession.session.accessToken");
        assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(get(baseUrl() + "/.well-known/jwks.json").body()).contains(oldKid, newKid);
        // Another instance (or this one after a restart) loads the very same keys from MongoDB.
        SigningKeys restarted = new SigningKeys(mongo, securityProperties);
        assertThat(restarted.currentKey().getKeyID()).isEqualTo(newKid);
        assertThat(restarted.currentKey().toECPrivateKey().getEncoded()).isEqualTo(signingKeys.currentKey().toECPrivateKey().getEncoded());
        assertThat(restarted.publicKeys().getKeyByKeyId(oldKid)).isNotNull();
    }
}
