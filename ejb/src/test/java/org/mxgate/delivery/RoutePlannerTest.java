package org.mxgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mxgate.dns.HostSpec;
import org.mxgate.dns.MxHost;
import org.mxgate.dns.MxLookup;
import org.mxgate.dns.StaticMxResolver;

/** The MX rules of RFC 5321 §5.1 against a fixed DNS. */
class RoutePlannerTest {

    private final StaticMxResolver dns = new StaticMxResolver();
    private final RoutePlanner planner;

    RoutePlannerTest() throws UnknownHostException {
        planner = new RoutePlanner(dns, Set.of("backup.gw.test"), Set.of(InetAddress.getByName("192.0.2.99")));
        dns.host("primary.example.test", "192.0.2.1").host("second.example.test", "192.0.2.2")
                .host("backup.gw.test", "192.0.2.99").host("worse.example.test", "192.0.2.3")
                .host("alias-of-us.example.test", "192.0.2.99");
    }

    private static List<String> hosts(Route route) {
        return ((Route.Relays) route).relays().stream().map(Route.Relay::host).toList();
    }

    @Test
    void deliversOnlyToHostsThatRankAboveItself() {
        dns.mx("example.test", new MxHost("primary.example.test", 10), new MxHost("second.example.test", 20),
                new MxHost("backup.gw.test", 30), new MxHost("worse.example.test", 40));
        assertThat(hosts(planner.viaMx("example.test", 25))).containsExactly("primary.example.test",
                "second.example.test");
    }

    @Test
    void recognisesItselfByAddressAndDropsItsOwnPreference() {
        dns.mx("example.test", new MxHost("primary.example.test", 10), new MxHost("alias-of-us.example.test", 20),
                new MxHost("second.example.test", 20));
        assertThat(hosts(planner.viaMx("example.test", 25))).containsExactly("primary.example.test");
    }

    @Test
    void bestMxBeingItselfIsALoop() {
        dns.mx("example.test", new MxHost("backup.gw.test", 10), new MxHost("worse.example.test", 20));
        assertThat(planner.viaMx("example.test", 25)).isEqualTo(
                new Route.Fail("5.4.6 mail for example.test loops back to myself"));
    }

    @Test
    void nullMxFailsAndDnsTroubleDefers() {
        dns.mx.put("nomail.test", new MxLookup.NullMx());
        dns.mx.put("flaky.test", new MxLookup.TryAgain("SERVFAIL"));
        assertThat(planner.viaMx("nomail.test", 25)).isEqualTo(
                new Route.Fail("5.1.10 domain nomail.test accepts no mail (null MX)"));
        assertThat(planner.viaMx("flaky.test", 25)).isEqualTo(new Route.Defer("4.4.3 SERVFAIL"));
        assertThat(planner.viaMx("gone.test", 25)).isInstanceOf(Route.Defer.class);
    }

    @Test
    void anAddressLookupThatFailsForNowDefersInsteadOfBouncing() {
        dns.mx("example.test", new MxHost("primary.example.test", 10));
        dns.failing.add("primary.example.test");
        assertThat(planner.viaMx("example.test", 25)).isEqualTo(
                new Route.Defer("4.4.3 lookup of primary.example.test timed out"));
    }

    @Test
    void forwardHostsAreTriedInOrderBracketedNamesWithoutMx() {
        dns.mx("relay.example.test", new MxHost("second.example.test", 5));
        Route route = planner.forward(HostSpec.parseList("[primary.example.test]:2525,relay.example.test").orElseThrow(),
                25);
        assertThat(((Route.Relays) route).relays()).extracting(Route.Relay::host, Route.Relay::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("primary.example.test", 2525),
                org.assertj.core.groups.Tuple.tuple("second.example.test", 25));
        assertThat(planner.forward(HostSpec.parseList("[missing.example.test]").orElseThrow(), 25))
                .isEqualTo(new Route.Defer("4.4.4 host missing.example.test not found"));
    }
}
