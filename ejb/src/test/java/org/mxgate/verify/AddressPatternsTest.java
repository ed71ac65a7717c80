package org.mxgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPatternsTest {

    @Test
    void entriesAreStoredInLowerCaseInTheGatewaysDomain() {
        assertThat(AddressPatterns.normal(" Sales@Example.COM ", "example.com")).hasValue("sales@example.com");
        assertThat(AddressPatterns.normal("<info@example.com>", "example.com")).hasValue("info@example.com");
        assertThat(AddressPatterns.normal("Bob", "example.com")).hasValue("bob@example.com");
        assertThat(AddressPatterns.normal("*", "example.com")).hasValue("*@example.com");
        assertThat(AddressPatterns.normal("team-*@example.com", "example.com")).hasValue("team-*@example.com");
    }

    @Test
    void entriesOutsideTheDomainOrWithRoutingCharactersAreRefused() {
        assertThat(AddressPatterns.normal("bob@other.com", "example.com")).isEmpty();
        assertThat(AddressPatterns.normal("bob@sub.example.com", "example.com")).isEmpty();
        assertThat(AddressPatterns.normal("bob%evil.com@example.com", "example.com")).isEmpty();
        assertThat(AddressPatterns.normal("a b@example.com", "example.com")).isEmpty();
        assertThat(AddressPatterns.normal("@example.com", "example.com")).isEmpty();
        assertThat(AddressPatterns.normal("x".repeat(65) + "@example.com", "example.com")).isEmpty();
    }

    @Test
    void addressesMatchWholeEntriesAndPatternsIgnoringCase() {
        AddressPatterns list = AddressPatterns.of(List.of("sales@example.com", "team-*@example.com"));
        assertThat(list.matches("Sales@EXAMPLE.com")).isTrue();
        assertThat(list.matches("team-berlin@example.com")).isTrue();
        assertThat(list.matches("team-@example.com")).isTrue();
        assertThat(list.matches("bob@example.com")).isFalse();
        assertThat(list.matches("salesx@example.com")).isFalse();
        // a dot in a pattern is a dot, not "any character"
        assertThat(AddressPatterns.of(List.of("a.b@example.com")).matches("axb@example.com")).isFalse();
        assertThat(AddressPatterns.of(List.of("*@example.com")).matches("anyone@example.com")).isTrue();
        assertThat(list.size()).isEqualTo(2);
    }
}
