package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void aGatewayCanOnlyLowerTheServersConnectionLimit() {
        Pacing server = new Pacing(8, 100);
        assertThat(Pacing.of(2, 10, server)).isEqualTo(new Pacing(2, 10));
        assertThat(Pacing.of(50, null, server)).isEqualTo(new Pacing(8, 100));
        assertThat(Pacing.of(null, null, server)).isEqualTo(server);
        assertThat(Pacing.of(2, null, server).connections()).isEqualTo(2);
    }

    @Test
    void needsAtLeastOneConnectionAndOneMessage() {
        assertThatThrownBy(() -> new Pacing(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacing(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
