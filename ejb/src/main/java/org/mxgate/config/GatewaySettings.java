package org.mxgate.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;

/**
 * All of mxgate's settings. Defaults are in META-INF/microprofile-config.properties; the
 * environment overrides them ({@code MXGATE_SMTP_PORT} for {@code mxgate.smtp.port}).
 */
@ApplicationScoped
public class GatewaySettings {

    private static final Logger LOG = Logger.getLogger(GatewaySettings.class.getName());

    @Inject @ConfigProperty(name = "mxgate.hostname")
    Optional<String> hostname;
    @Inject @ConfigProperty(name = "mxgate.smtp.bind", defaultValue = "0.0.0.0")
    String smtpBind;
    @Inject @ConfigProperty(name = "mxgate.smtp.port", defaultValue = "2525")
    int smtpPort;
    @Inject @ConfigProperty(name = "mxgate.smtp.max-sessions", defaultValue = "200")
    int smtpMaxSessions;
    @Inject @ConfigProperty(name = "mxgate.smtp.max-recipients", defaultValue = "100")
    int maxRecipients;
    @Inject @ConfigProperty(name = "mxgate.smtp.max-sessions-per-client", defaultValue = "10")
    int sessionsPerClient;
    @Inject @ConfigProperty(name = "mxgate.smtp.session-time-limit", defaultValue = "30m")
    String sessionTimeLimit;
    @Inject @ConfigProperty(name = "mxgate.smtp.trusted-networks")
    Optional<String> trustedNetworks;
    @Inject @ConfigProperty(name = "mxgate.smtp.connection-rate-limit", defaultValue = "120")
    int connectionRateLimit;
    @Inject @ConfigProperty(name = "mxgate.smtp.recipient-rate-limit", defaultValue = "600")
    int recipientRateLimit;
    @Inject @ConfigProperty(name = "mxgate.smtp.greeting-delay", defaultValue = "0s")
    String greetingDelay;
    @Inject @ConfigProperty(name = "mxgate.smtp.error-soft-limit", defaultValue = "10")
    int errorSoftLimit;
    @Inject @ConfigProperty(name = "mxgate.smtp.error-hard-limit", defaultValue = "20")
    int errorHardLimit;
    @Inject @ConfigProperty(name = "mxgate.smtp.error-delay", defaultValue = "1s")
    String errorDelay;
    @Inject @ConfigProperty(name = "mxgate.max-message-size", defaultValue = "26214400")
    long maxMessageSize;
    @Inject @ConfigProperty(name = "mxgate.storage.min-free")
    Optional<Long> minFreeSpace;
    @Inject @ConfigProperty(name = "mxgate.data-dir", defaultValue = "./data")
    String dataDir;
    @Inject @ConfigProperty(name = "mxgate.admin-password")
    Optional<String> adminPassword;
    @Inject @ConfigProperty(name = "mxgate.viewer-password")
    Optional<String> viewerPassword;
    @Inject @ConfigProperty(name = "mxgate.queue.run-interval", defaultValue = "PT30S")
    String queueRunInterval;
    @Inject @ConfigProperty(name = "mxgate.queue.minimal-backoff", defaultValue = "PT300S")
    String minimalBackoff;
    @Inject @ConfigProperty(name = "mxgate.queue.maximal-backoff", defaultValue = "PT4000S")
    String maximalBackoff;
    @Inject @ConfigProperty(name = "mxgate.queue.maximal-lifetime", defaultValue = "P5D")
    String maximalLifetime;
    @Inject @ConfigProperty(name = "mxgate.queue.delay-warning", defaultValue = "PT4H")
    String delayWarning;
    @Inject @ConfigProperty(name = "mxgate.queue.history-retention", defaultValue = "P7D")
    String historyRetention;
    @Inject @ConfigProperty(name = "mxgate.delivery.port", defaultValue = "25")
    int deliveryPort;
    @Inject @ConfigProperty(name = "mxgate.delivery.connections", defaultValue = "8")
    int deliveryConnections;
    @Inject @ConfigProperty(name = "mxgate.delivery.messages-per-connection", defaultValue = "100")
    int messagesPerConnection;
    @Inject @ConfigProperty(name = "mxgate.dns.servers")
    Optional<String> dnsServers;
    @Inject @ConfigProperty(name = "mxgate.dnsbl.zones")
    Optional<String> dnsblZones;
    @Inject @ConfigProperty(name = "mxgate.spf", defaultValue = "true")
    boolean spf;
    @Inject @ConfigProperty(name = "mxgate.clamd")
    Optional<String> clamd;
    @Inject @ConfigProperty(name = "mxgate.spamd")
    Optional<String> spamd;
    @Inject @ConfigProperty(name = "mxgate.scan.timeout", defaultValue = "30s")
    String scanTimeout;
    @Inject @ConfigProperty(name = "mxgate.quarantine.retention", defaultValue = "30d")
    String quarantineRetention;
    @Inject @ConfigProperty(name = "mxgate.scan.trusted", defaultValue = "false")
    boolean scanTrusted;
    @Inject @ConfigProperty(name = "mxgate.scan.connections", defaultValue = "8")
    int scanConnections;
    @Inject @ConfigProperty(name = "mxgate.clamd.max-stream", defaultValue = "26214400")
    long clamdMaxStream;
    @Inject @ConfigProperty(name = "mxgate.spamd.max-size", defaultValue = "512000")
    long spamdMaxSize;
    @Inject @ConfigProperty(name = "mxgate.public-addresses")
    Optional<String> publicAddresses;
    @Inject @ConfigProperty(name = "mxgate.instance")
    Optional<String> instance;
    @Inject @ConfigProperty(name = "mxgate.public-url")
    Optional<String> publicUrl;
    @Inject @ConfigProperty(name = "mxgate.http-port", defaultValue = "8080")
    int httpPort;
    @Inject @ConfigProperty(name = "mxgate.pop3.port", defaultValue = "0")
    int pop3Port;
    @Inject @ConfigProperty(name = "mxgate.delivery.tls", defaultValue = "may")
    String deliveryTls;
    @Inject @ConfigProperty(name = "mxgate.odmr.port", defaultValue = "366")
    int odmrPort;
    @Inject @ConfigProperty(name = "mxgate.plaintext-login", defaultValue = "loopback")
    String plaintextLogin;
    @Inject @ConfigProperty(name = "mxgate.tls.keystore")
    Optional<String> tlsKeystore;
    // an empty default is no value to MicroProfile Config: Optional, not defaultValue = ""
    @Inject @ConfigProperty(name = "mxgate.tls.keystore-password")
    Optional<String> tlsKeystorePassword;

    @Inject @ConfigProperty(name = "mxgate.quota.warning", defaultValue = "90")
    int quotaWarning;
    @Inject @ConfigProperty(name = "mxgate.postmaster")
    Optional<String> postmaster;

    private RetrySchedule retrySchedule;
    private EmailAddress resolvedPostmaster;
    private String resolvedHostname;

    @PostConstruct
    void validate() {
        resolvedHostname = resolveHostname();
        resolvedPostmaster = postmaster(postmaster, resolvedHostname);
        retrySchedule = new RetrySchedule(
                DurationSetting.parse("mxgate.queue.minimal-backoff", minimalBackoff),
                DurationSetting.parse("mxgate.queue.maximal-backoff", maximalBackoff),
                DurationSetting.parse("mxgate.queue.maximal-lifetime", maximalLifetime));
        queueRunInterval();
        historyRetention();
        publicAddresses();
        delayWarning();
        if (maxMessageSize < 1024 || maxMessageSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mxgate.max-message-size must be between 1024 and " + Integer.MAX_VALUE);
        }
        if (quotaWarning < 0 || quotaWarning > 100) {
            throw new IllegalArgumentException("mxgate.quota.warning must be a percentage from 0 (off) to 100");
        }
        oneOf("mxgate.plaintext-login", plaintextLogin, "loopback", "always");
        oneOf("mxgate.delivery.tls", deliveryTls, "may", "none");
    }

    private static void oneOf(String key, String value, String... allowed) {
        if (java.util.Arrays.stream(allowed).noneMatch(a -> a.equalsIgnoreCase(value.strip()))) {
            throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) + ", not '"
                    + value + "'");
        }
    }

    /** The name this server gives in its greeting, EHLO and Received headers. */
    public String hostname() {
        return resolvedHostname;
    }

    /** MXGATE_HOSTNAME, else this machine's name (looked up once, at start). */
    private String resolveHostname() {
        if (hostname.isPresent() && !hostname.get().isBlank()) {
            return hostname.get().strip();
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            LOG.warning("this host's name cannot be found (" + e.getMessage() + "); mxgate calls itself localhost:"
                    + " set MXGATE_HOSTNAME");
            return "localhost";
        }
    }

    /**
     * Where mail for {@code <postmaster>} and {@code postmaster@} this host goes (RFC 5321 §4.5.1):
     * MXGATE_POSTMASTER, else postmaster at the domain of this host's name (its first label
     * dropped when it has three or more).
     */
    public EmailAddress postmaster() {
        return resolvedPostmaster;
    }

    /** Whether mail for {@code recipient} is mail for the operator: the postmaster address, or postmaster at this host. */
    public boolean isPostmaster(EmailAddress recipient) {
        return isPostmaster(recipient, resolvedPostmaster, resolvedHostname);
    }

    static boolean isPostmaster(EmailAddress recipient, EmailAddress postmaster, String hostname) {
        return recipient.isMailboxIgnoringCase(postmaster) || recipient.localPart().equalsIgnoreCase("postmaster")
                && recipient.domainKey().equalsIgnoreCase(hostname);
    }

    static EmailAddress postmaster(Optional<String> configured, String hostname) {
        String address;
        if (configured.isPresent() && !configured.get().isBlank()) {
            address = configured.get().strip();
        } else {
            String[] labels = hostname.split("\\.");
            address = "postmaster@" + (labels.length >= 3 ? hostname.substring(labels[0].length() + 1) : hostname);
        }
        return MailboxParser.parseMailbox(address).filter(a -> !a.isAddressLiteral() && !a.hasRoutingCharacters())
                .orElseThrow(() -> new IllegalArgumentException("mxgate.postmaster must be an e-mail address, not '"
                        + address + "'"));
    }

    /** The share of a gateway's quota (percent) at which its contact is warned; 0: never. */
    public int quotaWarningPercent() {
        return quotaWarning;
    }

    public String smtpBind() {
        return smtpBind;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int smtpMaxSessions() {
        return smtpMaxSessions;
    }

    public int maxRecipients() {
        return maxRecipients;
    }

    public int maxMessageSize() {
        return (int) maxMessageSize;
    }

    /**
     * The free space the data directory's file system must keep for mail to be taken: by default
     * one and a half times the largest message (Postfix's rule for its queue).
     */
    public long minFreeSpace() {
        return minFreeSpace.orElse(maxMessageSize + maxMessageSize / 2);
    }

    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public String adminPassword() {
        return adminPassword.orElse("");
    }

    /** The read-only operator's password ({@code MXGATE_VIEWER_PASSWORD}); empty: no such operator. */
    public String viewerPassword() {
        return viewerPassword.orElse("").strip();
    }

    /** Sessions one client address may hold at once (trusted networks excepted). */
    public int sessionsPerClient() {
        return sessionsPerClient;
    }

    /** How long one SMTP session may last in all (trusted networks excepted). */
    public Duration sessionTimeLimit() {
        return DurationSetting.parse("mxgate.smtp.session-time-limit", sessionTimeLimit);
    }

    /** New SMTP sessions one client address may open per minute (0: no limit; trusted networks excepted). */
    public int connectionRateLimit() {
        return connectionRateLimit;
    }

    /** RCPTs one client address may send per minute (0: no limit; trusted networks excepted). */
    public int recipientRateLimit() {
        return recipientRateLimit;
    }

    /** How long a new SMTP client waits for the greeting, watched for talking first (0: greeted at once). */
    public Duration greetingDelay() {
        return DurationSetting.parse("mxgate.smtp.greeting-delay", greetingDelay);
    }

    /** The client networks exempt from the per-client limits (CIDR list; none by default). */
    public org.mxgate.dns.AddressRanges trustedNetworks() {
        String list = trustedNetworks.orElse("").strip();
        return org.mxgate.dns.AddressRanges.parse(list).orElseThrow(() -> new IllegalArgumentException(
                "mxgate.smtp.trusted-networks (MXGATE_SMTP_TRUSTED_NETWORKS): not a list of address/prefix: " + list));
    }

    /** Errors per SMTP session after which each reply is delayed, and at which the session ends. */
    public int errorSoftLimit() {
        return errorSoftLimit;
    }

    public int errorHardLimit() {
        return errorHardLimit;
    }

    /** How long each reply waits once a session is past the soft error limit. */
    public Duration errorDelay() {
        return DurationSetting.parse("mxgate.smtp.error-delay", errorDelay);
    }

    public Duration queueRunInterval() {
        return DurationSetting.parse("mxgate.queue.run-interval", queueRunInterval);
    }

    /** After how long senders of still-deferred mail are told it is delayed; empty when off ("0" or "off"). */
    public Optional<Duration> delayWarning() {
        String d = delayWarning.strip();
        if (d.equalsIgnoreCase("off") || d.equals("0")) {
            return Optional.empty();
        }
        return Optional.of(DurationSetting.parse("mxgate.queue.delay-warning", d));
    }

    /** How long delivered and failed messages stay visible (with their history) after they were received. */
    public Duration historyRetention() {
        return DurationSetting.parse("mxgate.queue.history-retention", historyRetention);
    }

    public RetrySchedule retrySchedule() {
        return retrySchedule;
    }

    public int deliveryPort() {
        return deliveryPort;
    }

    public int deliveryConnections() {
        return Math.max(1, deliveryConnections);
    }

    public int messagesPerConnection() {
        return Math.max(1, messagesPerConnection);
    }

    /**
     * The addresses other servers reach mxgate at; an MX host with one of them is mxgate itself.
     */
    public Set<InetAddress> publicAddresses() {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String a : publicAddresses.orElse("").split("[,\\s]+")) {
            if (!a.isBlank()) {
                if (!a.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                    throw new IllegalArgumentException("mxgate.public-addresses: '" + a + "' is not an IP address");
                }
                try {
                    addresses.add(InetAddress.getByName(a));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("mxgate.public-addresses: '" + a + "' is not an IP address", e);
                }
            }
        }
        return addresses;
    }

    /** Where people reach mxgate's pages (links in confirmation messages), without a trailing slash. */
    public String publicUrl() {
        String url = publicUrl.filter(u -> !u.isBlank()).map(String::strip)
                .orElse("http://" + hostname() + ":" + httpPort);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The POP3 listener's port (on the SMTP bind address); 0 turns it off. */
    public int pop3Port() {
        return pop3Port;
    }

    /**
     * Whether mxgate uses STARTTLS with next hops that offer it ({@code may}, opportunistic) or
     * sends in plaintext ({@code none}).
     */
    public boolean deliveryTls() {
        return !"none".equalsIgnoreCase(deliveryTls.strip());
    }

    /** The On-Demand Mail Relay (ATRN) listener's port (on the SMTP bind address); 0 turns it off. */
    public int odmrPort() {
        return odmrPort;
    }

    /**
     * Whether the collection listeners (POP3 USER/PASS, ODMR AUTH PLAIN) take a plaintext password
     * without TLS from {@code client}: from any client ({@code always}) or only from loopback
     * clients ({@code loopback}).
     */
    /** The PKCS#12 key store with mxgate's server certificate, if there is one ({@link ServerTls}). */
    public Optional<String> tlsKeystore() {
        return tlsKeystore.filter(p -> !p.isBlank()).map(String::strip);
    }

    public String tlsKeystorePassword() {
        return tlsKeystorePassword.orElse("");
    }

    /** Whether plaintext logins are taken without TLS from every client ({@code always}), not only loopback. */
    public boolean plaintextLoginAlways() {
        return "always".equalsIgnoreCase(plaintextLogin.strip());
    }

    public boolean plaintextLoginAllowed(java.net.InetAddress client) {
        return client.isLoopbackAddress() || "always".equalsIgnoreCase(plaintextLogin.strip());
    }

    /** Whether SPF is checked for mail from clients outside the trusted networks. */
    public boolean spf() {
        return spf;
    }

    /** clamd, when one is set ({@code MXGATE_CLAMD}: host:port or a Unix socket path). */
    public Optional<org.mxgate.scan.ScannerAddress> clamd() {
        return scanner("mxgate.clamd (MXGATE_CLAMD)", clamd);
    }

    /** spamd, when one is set ({@code MXGATE_SPAMD}: host:port or a Unix socket path). */
    public Optional<org.mxgate.scan.ScannerAddress> spamd() {
        return scanner("mxgate.spamd (MXGATE_SPAMD)", spamd);
    }

    private static Optional<org.mxgate.scan.ScannerAddress> scanner(String name, Optional<String> setting) {
        if (setting.isEmpty() || setting.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(org.mxgate.scan.ScannerAddress.parse(setting.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /** How long one scan may take, connecting included ({@code MXGATE_SCAN_TIMEOUT}, 30 s). */
    public Duration scanTimeout() {
        return DurationSetting.parse("mxgate.scan.timeout", scanTimeout);
    }

    /** How long quarantined mail is kept before it is deleted ({@code MXGATE_QUARANTINE_RETENTION}, 30 days). */
    public Duration quarantineRetention() {
        return DurationSetting.parse("mxgate.quarantine.retention", quarantineRetention);
    }

    /** Whether mail from trusted networks is checked for content too ({@code MXGATE_SCAN_TRUSTED}, false). */
    public boolean scanTrusted() {
        return scanTrusted;
    }

    /** Scans of one scanner at once ({@code MXGATE_SCAN_CONNECTIONS}, 8). */
    public int scanConnections() {
        if (scanConnections < 1) {
            throw new IllegalArgumentException("mxgate.scan.connections (MXGATE_SCAN_CONNECTIONS) is at least 1");
        }
        return scanConnections;
    }

    /** clamd's StreamMaxLength: larger messages are not sent to it ({@code MXGATE_CLAMD_MAX_STREAM}, 25 MiB). */
    public long clamdMaxStream() {
        return clamdMaxStream;
    }

    /** Messages larger than this are not scored by spamd ({@code MXGATE_SPAMD_MAX_SIZE}, 500 KB). */
    public long spamdMaxSize() {
        return spamdMaxSize;
    }

    /** The DNS block lists asked about each connecting client (none by default). */
    public List<org.mxgate.dns.DnsblZone> dnsblZones() {
        String list = dnsblZones.orElse("").strip();
        return org.mxgate.dns.DnsblZone.parseList(list).orElseThrow(() -> new IllegalArgumentException(
                "mxgate.dnsbl.zones (MXGATE_DNSBL_ZONES): not a list of zone[=reject|record]: " + list));
    }

    public String dnsServers() {
        return dnsServers.orElse("");
    }

    /** A name for this instance, unique among instances sharing one database; it owns delivery leases. */
    public String instance() {
        return instance.filter(i -> !i.isBlank()).map(String::strip).orElse(hostname() + ":" + smtpPort);
    }
}
