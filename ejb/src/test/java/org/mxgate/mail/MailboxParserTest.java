package org.mxgate.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MailboxParserTest {

    @Test
    void parsesPlainPathWithParameters() {
        var path = MailboxParser.parsePath("<Bob.Smith@Example.TEST> SIZE=100 BODY=8BITMIME", false).orElseThrow();
        assertThat(path.address().localPart()).isEqualTo("Bob.Smith");
        assertThat(path.address().domainKey()).isEqualTo("example.test");
        assertThat(path.parameters()).isEqualTo("SIZE=100 BODY=8BITMIME");
    }

    @Test
    void nullPathOnlyWhereAllowed() {
        assertThat(MailboxParser.parsePath("<>", true)).get().matches(MailboxParser.Path::isNull);
        assertThat(MailboxParser.parsePath("<>", false)).isEmpty();
    }

    @Test
    void quotedLocalPartKeepsItsQuotes() {
        var address = MailboxParser.parseMailbox("\"john doe\"@example.test").orElseThrow();
        assertThat(address.localPart()).isEqualTo("\"john doe\"");
        assertThat(address.hasRoutingCharacters()).isFalse();
        assertThat(MailboxParser.parseMailbox("\"a@b\"@example.test").orElseThrow().hasRoutingCharacters()).isTrue();
    }

    @Test
    void routingCharactersAndLiteralsAreRecognised() {
        assertThat(MailboxParser.parseMailbox("a%b@example.test").orElseThrow().hasRoutingCharacters()).isTrue();
        assertThat(MailboxParser.parseMailbox("b!a@example.test").orElseThrow().hasRoutingCharacters()).isTrue();
        assertThat(MailboxParser.parseMailbox("a@[127.0.0.1]").orElseThrow().isAddressLiteral()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@example.test", "<@relay.test:bob@example.test>", "<a@b@example.test>",
            "<bob@example.test", "<<bob@example.test>>", "<bob@example.test>,<eve@example.test>",
            "<bob@example..test>", "<bob@-example.test>", "<.bob@example.test>", "<bob.@example.test>",
            "<bob@example.test>x", "<bob@>", "<@example.test>", "<bo b@example.test>", "<bob@exa_mple.test>",
            "<bob\u0000@example.test>", "<b\u00f6b@example.test>", "<bob@example.test.>", ""})
    void refusesWhatIsNotStrictSyntax(String text) {
        assertThat(MailboxParser.parsePath(text, false)).isEmpty();
    }

    @Test
    void enforcesLengthLimits() {
        String local64 = "a".repeat(64);
        assertThat(MailboxParser.parseMailbox(local64 + "@example.test")).isPresent();
        assertThat(MailboxParser.parseMailbox(local64 + "a@example.test")).isEmpty();
        assertThat(MailboxParser.isDomain("a".repeat(63) + ".test")).isTrue();
        assertThat(MailboxParser.isDomain("a".repeat(64) + ".test")).isFalse();
        String domain256 = ("a".repeat(62) + ".").repeat(4) + "test";
        assertThat(domain256.length()).isGreaterThan(255);
        assertThat(MailboxParser.isDomain(domain256)).isFalse();
    }
}
