package org.mxgate.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DsnTest {

    @Test
    void notifyIsNeverAloneOrAListOfEventsInCanonicalOrder() {
        assertThat(Dsn.notify("never")).hasValue("NEVER");
        assertThat(Dsn.notify("delay,Success")).hasValue("SUCCESS,DELAY");
        assertThat(Dsn.notify("FAILURE")).hasValue("FAILURE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "NEVER,SUCCESS", "SUCCESS,SUCCESS", "SUCCESS,", "ALWAYS", "SUCCESS FAILURE"})
    void refusesOtherNotifyValues(String value) {
        assertThat(Dsn.notify(value)).isEmpty();
    }

    @Test
    void whatARecipientWantsToHear() {
        assertThat(Dsn.Recipient.NONE.wants(Dsn.Event.FAILURE)).isTrue();
        assertThat(Dsn.Recipient.NONE.wants(Dsn.Event.DELAY)).isTrue();
        assertThat(Dsn.Recipient.NONE.wants(Dsn.Event.SUCCESS)).as("success only when asked").isFalse();
        Dsn.Recipient never = new Dsn.Recipient("NEVER", null);
        assertThat(Dsn.Event.values()).noneMatch(never::wants);
        Dsn.Recipient success = new Dsn.Recipient("SUCCESS", null);
        assertThat(success.wants(Dsn.Event.SUCCESS)).isTrue();
        assertThat(success.wants(Dsn.Event.FAILURE)).isFalse();
    }

    @Test
    void retAndEnvid() {
        assertThat(Dsn.ret("hdrs")).hasValue("HDRS");
        assertThat(Dsn.ret("ALL")).isEmpty();
        assertThat(Dsn.envid("QQ314159")).hasValue("QQ314159");
        assertThat(Dsn.envid("a+20b")).hasValue("a+20b");
        assertThat(Dsn.envid("x".repeat(101))).isEmpty();
        assertThat(Dsn.envid("a=b")).as("'=' must be encoded").isEmpty();
        assertThat(Dsn.envid("a+0Ab")).as("decodes to a control character").isEmpty();
        assertThat(Dsn.envid("a+2")).isEmpty();
        assertThat(Dsn.envid("a++20")).isEmpty();
    }

    @Test
    void orcptHasAnAddressTypeAndXtext() {
        assertThat(Dsn.orcpt("RFC822;bob+2Bx@example.test")).hasValue("rfc822;bob+2Bx@example.test");
        assertThat(Dsn.orcpt("rfc822;")).isEmpty();
        assertThat(Dsn.orcpt(";bob@example.test")).isEmpty();
        assertThat(Dsn.orcpt("bob@example.test")).isEmpty();
        assertThat(Dsn.orcpt("rfc822;" + "b".repeat(500))).isEmpty();
    }

    @Test
    void xtextRoundTrips() {
        String text = "a+b=c d@example.test";
        assertThat(Dsn.encodeXtext(text)).isEqualTo("a+2Bb+3Dc+20d@example.test");
        assertThat(Dsn.decodeXtext(Dsn.encodeXtext(text))).isEqualTo(text);
        assertThat(Dsn.orcptFor("bob@example.test")).isEqualTo("rfc822;bob@example.test");
    }

    @Test
    void aRequestAnswersForRecipientsItDoesNotName() {
        Dsn.Request request = new Dsn.Request("FULL", null, Map.of("a@x.test", new Dsn.Recipient("NEVER", null)));
        assertThat(request.of("b@x.test")).isEqualTo(Dsn.Recipient.NONE);
        assertThat(request.returnsFullMessage()).isTrue();
        assertThat(Dsn.Request.NONE.returnsFullMessage()).isFalse();
    }
}
