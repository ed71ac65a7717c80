package org.mxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressGlobsTest {

    @Test
    void starsStandForAnyCharactersInEitherPart() {
        String list = AddressGlobs.normalize(" *@Spam.example, <abuse@*> *@*.bulk.example  bob@example.com,");
        assertThat(list).isEqualTo("*@spam.example,abuse@*,*@*.bulk.example,bob@example.com");
        assertThat(AddressGlobs.matches(list, "Anyone@SPAM.example")).isTrue();
        assertThat(AddressGlobs.matches(list, "x@spam.example.org")).isFalse();
        assertThat(AddressGlobs.matches(list, "abuse@elsewhere.test")).isTrue();
        assertThat(AddressGlobs.matches(list, "a@news.bulk.example")).isTrue();
        assertThat(AddressGlobs.matches(list, "a@bulk.example")).isFalse();
        assertThat(AddressGlobs.matches(list, "bob@example.com")).isTrue();
        assertThat(AddressGlobs.matches(list, "bobby@example.com")).isFalse();
        assertThat(AddressGlobs.matches(list, null)).as("the null sender").isFalse();
        assertThat(AddressGlobs.glob("a*b*a", "ab")).isFalse();
        assertThat(AddressGlobs.glob("a*b*a", "aba")).isTrue();
        assertThat(AddressGlobs.glob("a*b*a", "abba")).isTrue();
    }

    @Test
    void anythingThatIsNotAnAddressPatternIsRefusedByName() {
        assertThatThrownBy(() -> AddressGlobs.normalize("ok@x.test, no-at-sign")).hasMessageContaining("'no-at-sign'");
        assertThatThrownBy(() -> AddressGlobs.normalize("a@b(c)")).hasMessageContaining("a@b(c)");
        assertThat(AddressGlobs.normalize("  ")).isEmpty();
    }
}
