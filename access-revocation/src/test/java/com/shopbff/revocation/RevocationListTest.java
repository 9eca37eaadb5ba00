package com.shopbff.revocation;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationListTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final RevocationList list = new RevocationList(Duration.ofMinutes(20), clock);

    @Test
    void aRevokedSessionRefusesItsTokensAndNoOtherSessions() {
        list.apply(new Revocation("alice", "s1", clock.instant()));
        assertThat(list.isRevoked("alice", "s1", clock.instant().minusSeconds(60))).isTrue();
        assertThat(list.isRevoked("alice", "s1", clock.instant().plusSeconds(60))).isTrue();
        assertThat(list.isRevoked("alice", "s2", clock.instant().minusSeconds(60))).isFalse();
        assertThat(list.isRevoked("bob", null, clock.instant())).isFalse();
    }

    @Test
    void aSubjectRevocationRefusesTokensIssuedUpToItsTimeButNotLaterOnes() {
        Instant at = Instant.parse("2026-11-23T10:00:00.400Z");
        list.apply(new Revocation("alice", null, at));
        assertThat(list.isRevoked("alice", "any", Instant.parse("2026-11-23T09:59:00Z"))).isTrue();
        assertThat(list.isRevoked("alice", null, Instant.parse("2026-11-23T10:00:00Z"))).as("same second").isTrue();
        assertThat(list.isRevoked("alice", null, null)).as("no iat").isTrue();
        assertThat(list.isRevoked("alice", null, Instant.parse("2026-11-23T10:00:01Z"))).isFalse();
        assertThat(list.isRevoked("bob", null, Instant.parse("2026-11-23T09:59:00Z"))).isFalse();
    }

    @Test
    void aLaterSubjectRevocationWinsOverAnEarlierOneInWhateverOrderTheyArrive() {
        list.apply(new Revocation("alice", null, clock.instant()));
        list.apply(new Revocation("alice", null, clock.instant().minusSeconds(300)));
        assertThat(list.isRevoked("alice", null, clock.instant().minusSeconds(10))).isTrue();
    }

    @Test
    void entriesAreForgottenOnceEveryTokenTheyNameHasExpired() {
        list.apply(new Revocation("alice", "s1", clock.instant()));
        list.apply(new Revocation("bob", null, clock.instant()));
        assertThat(list.size()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(19));
        assertThat(list.isRevoked("alice", "s1", null)).isTrue();
        clock.advance(Duration.ofMinutes(2));
        assertThat(list.isRevoked("alice", "s1", null)).isFalse();
        assertThat(list.isRevoked("bob", null, clock.instant().minus(Duration.ofMinutes(30)))).isFalse();
        assertThat(list.size()).isZero();
    }

    @Test
    void listenersAreToldOfEachRecordedRevocationAfterItIsInTheListButNotOfIgnoredOnes() {
        java.util.List<Revocation> told = new java.util.ArrayList<>();
        list.addListener(r -> {
            assertThat(list.isRevoked(r.subject(), r.sessionId(), null)).as("already in the list").isTrue();
            told.add(r);
        });
        Revocation session = new Revocation("alice", "s1", clock.instant());
        list.apply(session);
        list.apply(new Revocation("alice", "old", clock.instant().minus(Duration.ofMinutes(21))));
        Revocation subject = new Revocation("bob", null, clock.instant());
        list.apply(subject);
        assertThat(told).containsExactly(session, subject);
    }

    @Test
    void aRevocationOlderThanTheWindowIsIgnored() {
        list.apply(new Revocation("alice", "old", clock.instant().minus(Duration.ofMinutes(21))));
        assertThat(list.isRevoked("alice", "old", null)).isFalse();
        assertThat(list.size()).isZero();
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
