package com.shopbff.support.paging;

import com.shopbff.support.errors.ShopGraphQLException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeIdCursorTest {

    @Test
    void aCursorDecodesToTheTimeAndIdItWasMadeOf() {
        TimeIdCursor c = new TimeIdCursor(Instant.parse("2026-12-05T09:00:00.123Z"), "erasure:a|b");
        assertThat(TimeIdCursor.decode(c.encode())).isEqualTo(c);
        assertThat(TimeIdCursor.decode(null)).isNull();
    }

    @Test
    void aCursorThisServerDidNotIssueIsBadInput() {
        for (String raw : new String[]{"no-bar", "|id", "123|", "soon|id"}) {
            assertThatThrownBy(() -> TimeIdCursor.decode(Cursors.encode(raw))).as(raw)
                    .isInstanceOf(ShopGraphQLException.class).hasMessageContaining("invalid cursor");
        }
        assertThatThrownBy(() -> TimeIdCursor.decode("%%%")).isInstanceOf(ShopGraphQLException.class);
    }
}
