package org.mxgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperatorsTest {

    @Test
    void anOperatorsNameIsShortPlainAndNotBuiltIn() {
        assertThat(Operators.name(" Alice.Smith-2 ")).isEqualTo("alice.smith-2");
        for (String bad : new String[] {"", "a b", "a@b", "x".repeat(65), "admin", "VIEWER", null}) {
            assertThatThrownBy(() -> Operators.name(bad)).as(String.valueOf(bad)).isInstanceOf(ServiceException.class)
                    .satisfies(e -> assertThat(((ServiceException) e).field()).isEqualTo("name"));
        }
    }
}
