package org.mxgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture the end-to-end tests of each feature share: one mxgate started as a user starts it
 * ({@code ./mxgate run}), a real SMTP server process as the primary and dnsmasq for DNS. It is
 * started by the first test class that needs it and stopped when the whole run ends (JUnit's root
 * store), so the feature classes cost one start between them. Each test uses gateway domains of
 * its own.
 */
@ExtendWith(EndToEnd.Shared.class)
abstract class EndToEnd {

    static final Duration WAIT = Duration.ofSeconds(30);

    static final List<String> RECORDS = List.of("--host-record=primary.e2e.test,127.0.0.1", "--host-record=gw.e2e.test,127.0.0.2",
                "--host-record=alias.e2e.test,127.0.0.2",
                // a live backup: the primary ranks above mxgate (gw.e2e.test)
                "--mx-host=backup.e2e.test,primary.e2e.test,10", "--mx-host=backup.e2e.test,gw.e2e.test,20",
                // mxgate (by its public address) is the best MX: delivering would loop
                "--mx-host=loop.e2e.test,alias.e2e.test,10", "--mx-host=loop.e2e.test,primary.e2e.test,20",
                "--dns-rr=nullmx.e2e.test,15,000000",
                // the same two for automatic gateways, which must not find the gateways delivery tests made
                "--mx-host=autoloop.e2e.test,alias.e2e.test,10", "--mx-host=autoloop.e2e.test,primary.e2e.test,20",
                "--dns-rr=autonullmx.e2e.test,15,000000",
                // where bounces to senders at sender.e2e.test go
                "--mx-host=sender.e2e.test,primary.e2e.test,10",
                // domains naming mxgate as their backup MX, for automatic gateways
                "--mx-host=auto.e2e.test,primary.e2e.test,10", "--mx-host=auto.e2e.test,gw.e2e.test,20",
                "--mx-host=auto2.e2e.test,primary.e2e.test,10", "--mx-host=auto2.e2e.test,gw.e2e.test,20",
                "--mx-host=auto3.e2e.test,primary.e2e.test,10", "--mx-host=auto3.e2e.test,gw.e2e.test,20",
                "--mx-host=auto4.e2e.test,primary.e2e.test,10", "--mx-host=auto4.e2e.test,gw.e2e.test,20",
                "--mx-host=auto5.e2e.test,primary.e2e.test,10", "--mx-host=auto5.e2e.test,gw.e2e.test,20",
                "--mx-host=auto6.e2e.test,primary.e2e.test,10", "--mx-host=auto6.e2e.test,gw.e2e.test,20",
                "--mx-host=auto7.e2e.test,primary.e2e.test,10", "--mx-host=auto7.e2e.test,gw.e2e.test,20",
                "--host-record=private.e2e.test,10.1.2.3", "--mx-host=private-mx.e2e.test,private.e2e.test,10",
                "--mx-host=private-mx.e2e.test,gw.e2e.test,20",
                // DNS block lists: 127.0.0.9 in a zone that refuses, 127.0.0.10 in one that only records
                "--host-record=9.0.0.127.bl.e2e.test,127.0.0.2", "--host-record=10.0.0.127.watch.e2e.test,127.0.0.2",
                // SPF: loopback may send for spf-pass, only 192.0.2.1 for spf-fail
                "--txt-record=spf-pass.e2e.test,v=spf1 ip4:127.0.0.0/8 -all",
                "--txt-record=spf-fail.e2e.test,v=spf1 ip4:192.0.2.1 -all",
                // a held domain whose own server is its best MX, for ETRN without a forward host
                "--mx-host=etrnmx.e2e.test,primary.e2e.test,10", "--mx-host=etrnmx.e2e.test,gw.e2e.test,20");

    static Downstream primary;
    static Dnsmasq dns;
    static Mxgate mxgate;
    static Api api;

    /** Starts the shared gateway once per run, and stops it when the run ends. */
    static final class Shared implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Shared.class, k -> {
                try {
                    primary = new Downstream("primary", Ports.free()).start();
                    dns = new Dnsmasq().start(RECORDS.toArray(String[]::new));
                    mxgate = new Mxgate("gateway", primary.port).with("MXGATE_DNS_SERVERS", dns.server())
                            .with("MXGATE_PUBLIC_ADDRESSES", "127.0.0.2")
                            .with("MXGATE_POSTMASTER", "ops@sender.e2e.test")
                            // dnsbl.invalid is outside dnsmasq's zone: every lookup there fails
                            .with("MXGATE_DNSBL_ZONES", "bl.e2e.test, watch.e2e.test=record, dnsbl.invalid");
                    mxgate.with("MXGATE_PUBLIC_URL", "http://127.0.0.1:" + mxgate.httpPort).start();
                    api = mxgate.api();
                    return new Shared();
                } catch (Exception e) {
                    throw new IllegalStateException("the shared gateway did not start: " + e, e);
                }
            }, Shared.class);
        }

        @Override
        public void close() throws Exception {
            if (mxgate != null) {
                mxgate.stop();
            }
            if (primary != null) {
                primary.close();
            }
            if (dns != null) {
                dns.close();
            }
        }
    }

    /**
     * The message as it arrived, from mxgate's trace header on: the SPF stamp above it
     * ({@code Received-SPF:} and {@code Authentication-Results:}, RFC 7208 §9.1) is checked and cut off.
     */
    static String fromTraceHeader(String arrived) {
        Matcher m = Pattern.compile("^Received-SPF: [^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*"
                + "Authentication-Results: [a-z0-9.-]+;\r\n(?:[ \t][^\r\n]*\r\n)*").matcher(arrived);
        assertThat(m.find()).as("the SPF stamp above the trace header:\n"
                + arrived.substring(0, Math.min(400, arrived.length()))).isTrue();
        return arrived.substring(m.end());
    }

    static String queueId(String smtpOutput) {
        Matcher m = Pattern.compile("250 2\\.0\\.0 Ok: queued as ([0-9A-Z]+)").matcher(smtpOutput);
        assertThat(m.find()).as("250 with a queue id in:\n" + smtpOutput).isTrue();
        return m.group(1);
    }

    /** Commands sent at once over a raw connection from {@code source} (null: any), and all the server said until it closed. */
    static String raw(int port, String source, String... commands) throws Exception {
        try (java.net.Socket s = new java.net.Socket()) {
            if (source != null) {
                s.bind(new java.net.InetSocketAddress(source, 0));
            }
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            s.setSoTimeout(30_000);
            s.getOutputStream().write((String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** The downstream's envelope file of the message with queue id {@code id}. */
    static String findEnvelope(String id) throws Exception {
        try (var files = Files.list(primary.dir)) {
            for (Path eml : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                if (Files.readString(eml, StandardCharsets.ISO_8859_1).contains(" id " + id + ";")) {
                    return eml.getFileName().toString().replace(".eml", ".json");
                }
            }
        }
        throw new AssertionError("no message " + id);
    }
}
