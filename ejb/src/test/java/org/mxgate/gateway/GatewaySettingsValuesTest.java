package org.mxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxgate.admin.Passwords;
import org.mxgate.admin.ServiceException;

/** Each part of a gateway checks its own changes and names the field at fault. */
class GatewaySettingsValuesTest {

    private static GatewaySpec spec(String mode, String host, Integer port, String address) {
        return new GatewaySpec(null, mode, host, port, address, null, null, null, null, null, null, null, null, null);
    }

    private static GatewaySpec limits(Long maxMessages, Long maxBytes, Integer connections, Integer perConnection) {
        return new GatewaySpec(null, null, null, null, null, null, maxMessages, maxBytes, connections, perConnection, null, null, null, null);
    }

    private static void assertInvalid(Runnable change, String field, String detail) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.kind()).isEqualTo(ServiceException.Kind.INVALID);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    @Test
    void routingKeepsWhatIsLeftOutAndRemovesWhatIsBlankOrZero() {
        Routing forward = Routing.held().with(spec("forward", " mx1.example.test:2525, [10.0.0.5] ", 2526, null));
        assertThat(forward.mode()).isEqualTo(DeliveryMode.FORWARD);
        assertThat(forward.forwardHost()).isEqualTo("mx1.example.test:2525,10.0.0.5");
        assertThat(forward.forwardPort()).isEqualTo(2526);

        Routing same = forward.with(spec(null, null, null, null));
        assertThat(List.of(same.mode(), same.forwardHost(), same.forwardPort()))
                .as("a PUT without forwardPort keeps the port").containsExactly(DeliveryMode.FORWARD,
                        "mx1.example.test:2525,10.0.0.5", 2526);
        assertThat(forward.with(spec(null, null, 0, null)).forwardPort()).as("0: the default port").isNull();
        assertThat(forward.with(spec("MX", "", null, null)).forwardHost()).isNull();
    }

    @Test
    void keepingACopyIsForGatewaysThatPassMailOnWithARetentionOfItsOwn() {
        GatewaySpec keep = new GatewaySpec(null, "FORWARD", "10.0.0.5", null, null, null, null, null, null, null, null, null,
                true, "36h");
        Routing forward = Routing.held().with(keep);
        assertThat(forward.keepsCopy()).isTrue();
        assertThat(forward.copyRetention()).hasHours(36);
        assertThat(forward.asHeld().keepsCopy()).as("a HOLD gateway keeps everything anyway").isFalse();
        assertThat(Routing.held().with(spec("MX", null, null, null)).copyRetention())
                .isEqualTo(Routing.DEFAULT_COPY_RETENTION);
        assertInvalid(() -> Routing.held().with(new GatewaySpec(null, null, null, null, null, null, null, null, null, null,
                null, null, true, "10m")), "copyRetention", "between 1 hour and 365 days");
    }

    @Test
    void routingRefusesWhatItCannotUse() {
        assertInvalid(() -> Routing.held().with(spec("SMTP", null, null, null)), "mode", "FORWARD, MX");
        assertInvalid(() -> Routing.held().with(spec("FORWARD", null, null, null)), "forwardHost", "needs a forward host");
        assertInvalid(() -> Routing.held().with(spec(null, "a b c", null, null)), "forwardHost", "'a b c' is not a list");
        assertInvalid(() -> Routing.held().with(spec(null, null, 65536, null)), "forwardPort", "between 1 and 65535");
        assertInvalid(() -> Routing.held().with(spec("FORWARD_ADDRESS", null, null, null)), "forwardAddress",
                "needs a forward address");
        assertInvalid(() -> Routing.held().with(spec(null, null, null, "bob@[10.0.0.1]")), "forwardAddress",
                "is not an e-mail address");
        assertThat(Routing.held().with(spec("FORWARD_ADDRESS", null, null, "All@Other.Test")).forwardAddress())
                .isEqualTo("All@other.test");
    }

    @Test
    void limitsCheckTheirRangesAndKnowTheQuota() {
        Limits limits = Limits.none().with(limits(2L, 1000L, 5, 50));
        assertThat(limits.hasQuota()).isTrue();
        assertThat(limits.isOverQuota(1, 999)).isFalse();
        assertThat(limits.isOverQuota(2, 0)).isTrue();
        assertThat(limits.isOverQuota(0, 1000)).isTrue();
        Limits kept = limits.with(limits(null, 0L, null, 0));
        assertThat(List.of(kept.maxMessages(), kept.maxConnections())).containsExactly(2L, 5);
        assertThat(kept.maxBytes()).isNull();
        assertThat(kept.messagesPerConnection()).isNull();
        assertThat(Limits.none().hasQuota()).isFalse();
        assertInvalid(() -> Limits.none().with(limits(-1L, null, null, null)), "maxMessages", "0 (no limit) or positive");
        assertInvalid(() -> Limits.none().with(limits(null, null, 101, null)), "maxConnections", "1 to 100");
        assertInvalid(() -> Limits.none().with(limits(null, null, null, 10_001)), "messagesPerConnection", "1 to 10000");
    }

    @Test
    void theQuotaWarningLevelIsAShareOfEitherLimit() {
        Limits limits = Limits.none().with(limits(10L, 1000L, null, null));
        assertThat(limits.isNearQuota(8, 0, 90)).isFalse();
        assertThat(limits.isNearQuota(9, 0, 90)).isTrue();
        assertThat(limits.isNearQuota(0, 900, 90)).isTrue();
        assertThat(limits.isNearQuota(9, 900, 0)).as("0: no warnings").isFalse();
        assertThat(Limits.none().isNearQuota(1_000_000, 1_000_000_000, 90)).as("no quota, no warning").isFalse();
    }

    @Test
    void theContactIsTheDomainsPostmasterUnlessOneIsSet() {
        Gateway gateway = new Gateway("contact.test", LocalDateTime.now());
        assertThat(gateway.contactAddress()).isEqualTo("postmaster@contact.test");
        GatewaySpec contact = new GatewaySpec(null, null, null, null, null, null, null, null, null, null, " ops@Example.NET ", null, null, null);
        gateway.change(contact);
        assertThat(gateway.contactAddress()).isEqualTo("ops@example.net");
        gateway.change(new GatewaySpec(null, null, null, null, null, false, null, null, null, null, null, null, null, null));
        assertThat(gateway.contactAddress()).as("left out: kept").isEqualTo("ops@example.net");
        gateway.change(new GatewaySpec(null, null, null, null, null, null, null, null, null, null, "", null, null, null));
        assertThat(gateway.contactAddress()).as("blank: back to the postmaster").isEqualTo("postmaster@contact.test");
        assertInvalid(() -> gateway.change(new GatewaySpec(null, null, null, null, null, null, null, null, null, null,
                "not an address", null, null, null)), "contactAddress", "is not an e-mail address");
    }

    @Test
    void collectionAccessHoldsMethodsAsASetAndAddressesAsRanges() {
        CollectionAccess access = CollectionAccess.none().with(new CollectionSpec(List.of("pop3", " ETRN", "etrn"),
                List.of("192.0.2.7", "10.1.0.0/16", "2001:db8::1"), true, "a long enough password", false));
        assertThat(access.methods()).containsExactlyInAnyOrder(CollectionMethod.ETRN, CollectionMethod.POP3);
        assertThat(access.allowedAddresses()).containsExactly("192.0.2.7/32", "10.1.0.0/16", "2001:db8::1/128");
        assertThat(access.allows("10.1.200.3", "x.test")).isTrue();
        assertThat(access.allows("10.2.0.1", "x.test")).isFalse();
        assertThat(access.allows("2001:db8::1", "x.test")).isTrue();
        assertThat(Passwords.matches("a long enough password", access.passwordHash())).isTrue();
        assertThat(access.cramMd5Secret()).as("kept only while ATRN needs it").isNull();
        assertThat(CollectionAccess.none().allows("127.0.0.1", "x.test")).as("nobody when none are set").isFalse();

        CollectionAccess atrn = access.with(new CollectionSpec(List.of("ATRN"), null, null, "a long enough password", null));
        assertThat(atrn.methods()).containsExactly(CollectionMethod.ATRN);
        assertThat(atrn.cramMd5Secret()).isNotNull();
        assertThat(atrn.allowedAddresses()).as("left out: kept").hasSize(3);

        assertInvalid(() -> access.with(new CollectionSpec(List.of("IMAP"), null, null, null, null)), "methods",
                "not 'IMAP'");
        assertInvalid(() -> access.with(new CollectionSpec(null, List.of("host.test"), null, null, null)),
                "allowedAddresses", "'host.test' is not an IP address or CIDR");
        assertInvalid(() -> access.with(new CollectionSpec(null, null, null, "short", null)), "password", "12 characters");
        assertInvalid(() -> CollectionAccess.none().with(new CollectionSpec(null, null, true, null, null)), "password",
                "a password is needed");
        assertInvalid(() -> access.with(new CollectionSpec(List.of("ATRN"), null, null, null, null)), "password",
                "given again when ATRN is turned on");
    }

    @Test
    void automaticCreationMovesFromPendingToConfirmedAndByTheDns() {
        LocalDateTime by = LocalDateTime.of(2026, 12, 1, 13, 0);
        AutoCreation pending = AutoCreation.created("192.0.2.9", "10 mx.example.test", by, "hash");
        assertThat(pending.isPending()).isTrue();
        assertThat(pending.listed(false, null).state()).as("a pending gateway stays pending").isEqualTo(AutoState.PENDING);
        AutoCreation confirmed = pending.confirmed();
        assertThat(List.of(confirmed.state(), confirmed.createdForClient())).containsExactly(AutoState.CONFIRMED, "192.0.2.9");
        assertThat(confirmed.confirmBy()).isNull();
        AutoCreation delisted = confirmed.listed(false, "10 other.test");
        assertThat(List.of(delisted.state(), delisted.mxRecords())).containsExactly(AutoState.DELISTED, "10 other.test");
        assertThat(delisted.listed(true, null).state()).isEqualTo(AutoState.CONFIRMED);
        assertThat(AutoCreation.created("c", "x".repeat(1200), null, null).mxRecords()).hasSize(1000);

        Gateway gateway = new Gateway("auto.test", by);
        gateway.change(new GatewaySpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        gateway.collection(CollectionAccess.none().with(new CollectionSpec(List.of("ETRN"), List.of("127.0.0.1"), null,
                null, true)));
        gateway.creation(pending);
        assertThat(gateway.collectsVia(CollectionMethod.ETRN)).as("a pending gateway passes nothing on").isFalse();
        assertThat(gateway.releasesOnContact()).isFalse();
        gateway.creation(confirmed);
        assertThat(gateway.collectsVia(CollectionMethod.ETRN)).isTrue();
        assertThat(gateway.releasesOnContact()).isTrue();
    }
}
