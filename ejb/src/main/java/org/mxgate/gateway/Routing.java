package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Duration;
import java.util.Locale;
import org.mxgate.admin.ServiceException;
import org.mxgate.dns.HostSpec;
import org.mxgate.mail.MailboxParser;

/**
 * Where a gateway's mail goes: the delivery mode and, for FORWARD, the host list and port, or
 * for FORWARD_ADDRESS the one address. Immutable; {@link #with} checks a change and names the
 * field at fault.
 */
@Embeddable
public class Routing {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DeliveryMode mode;

    @Column(length = 255)
    private String forwardHost;

    /** {@code null} means the configured delivery port. */
    private Integer forwardPort;

    /** The one address that mode FORWARD_ADDRESS delivers to. */
    @Column(length = 320)
    private String forwardAddress;

    /** Whether each message is also kept for collection (null, in rows from before: no). */
    private Boolean keepCopy;

    /** How long a kept copy waits for collection, ISO-8601 (null: {@link #DEFAULT_COPY_RETENTION}). */
    @Column(length = 32)
    private String copyRetention;

    /** How long a kept copy waits to be collected unless the gateway says otherwise. */
    public static final Duration DEFAULT_COPY_RETENTION = Duration.ofDays(7);

    protected Routing() {
    }

    private Routing(DeliveryMode mode, String forwardHost, Integer forwardPort, String forwardAddress) {
        this(mode, forwardHost, forwardPort, forwardAddress, null, null);
    }

    private Routing(DeliveryMode mode, String forwardHost, Integer forwardPort, String forwardAddress, Boolean keepCopy,
            String copyRetention) {
        this.mode = mode;
        this.forwardHost = forwardHost;
        this.forwardPort = forwardPort;
        this.forwardAddress = forwardAddress;
        this.keepCopy = keepCopy;
        this.copyRetention = copyRetention;
    }

    /** A new gateway's routing: its mail is held. */
    static Routing held() {
        return new Routing(DeliveryMode.HOLD, null, null, null);
    }

    /** An automatic gateway's routing when there is no template: by the domain's MX records. */
    static Routing byMx() {
        return new Routing(DeliveryMode.MX, null, null, null);
    }

    /** This routing, but holding the mail (the forward host stays, for mail a domain server releases). */
    Routing asHeld() {
        return new Routing(DeliveryMode.HOLD, forwardHost, forwardPort, forwardAddress, keepCopy, copyRetention);
    }

    /** A copy, for a gateway made from a template. */
    Routing copy() {
        return new Routing(mode, forwardHost, forwardPort, forwardAddress, keepCopy, copyRetention);
    }

    /**
     * This routing with the fields {@code spec} gives (left out: kept; blank or 0: removed),
     * each checked, and the mode checked against what it needs.
     */
    Routing with(GatewaySpec spec) {
        DeliveryMode newMode = spec.mode() == null ? mode : mode(spec.mode());
        String host = spec.forwardHost() == null ? forwardHost
                : spec.forwardHost().isBlank() ? null : spec.forwardHost().strip();
        if (host != null) {
            host = HostSpec.parseList(host).map(l -> String.join(",", l.stream().map(HostSpec::toString).toList()))
                    .orElseThrow(() -> ServiceException.invalid("forwardHost", "'" + spec.forwardHost()
                            + "' is not a list of host, host:port, [host] or [host]:port"));
        }
        if (newMode == DeliveryMode.FORWARD && host == null) {
            throw ServiceException.invalid("forwardHost", "mode FORWARD needs a forward host");
        }
        Integer port = spec.forwardPort() == null ? forwardPort : spec.forwardPort() == 0 ? null : spec.forwardPort();
        if (port != null && (port < 1 || port > 65535)) {
            throw ServiceException.invalid("forwardPort", "port must be between 1 and 65535 (0: the default)");
        }
        String address = spec.forwardAddress() == null ? forwardAddress
                : spec.forwardAddress().isBlank() ? null : spec.forwardAddress().strip();
        if (address != null) {
            String given = address;
            address = MailboxParser.parseMailbox(address)
                    .filter(a -> !a.isAddressLiteral() && !a.hasRoutingCharacters() && a.domain().contains("."))
                    .map(a -> a.localPart() + "@" + a.domainKey())
                    .orElseThrow(() -> ServiceException.invalid("forwardAddress", "'" + given + "' is not an e-mail address"));
        }
        if (newMode == DeliveryMode.FORWARD_ADDRESS && address == null) {
            throw ServiceException.invalid("forwardAddress", "mode FORWARD_ADDRESS needs a forward address");
        }
        Boolean keep = spec.keepCopy() != null ? spec.keepCopy() : keepCopy;
        String retention = copyRetention;
        if (spec.copyRetention() != null) {
            retention = spec.copyRetention().isBlank() ? null : SettingDurations.within("copyRetention",
                    spec.copyRetention(), Duration.ofHours(1), Duration.ofDays(365), "between 1 hour and 365 days");
        }
        return new Routing(newMode, host, port, address, keep, retention);
    }

    /**
     * Whether each message is also kept for the domain's servers to collect (POP3, ATRN) while
     * the original goes its way; a HOLD gateway keeps everything anyway.
     */
    public boolean keepsCopy() {
        return Boolean.TRUE.equals(keepCopy) && mode != DeliveryMode.HOLD;
    }

    /** How long a kept copy waits to be collected. */
    public Duration copyRetention() {
        return copyRetention == null ? DEFAULT_COPY_RETENTION : Duration.parse(copyRetention);
    }

    private static DeliveryMode mode(String mode) {
        try {
            return DeliveryMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid("mode", "mode must be one of FORWARD, MX, FORWARD_ADDRESS, HOLD");
        }
    }

    public DeliveryMode mode() {
        return mode;
    }

    /**
     * How the mail goes when it goes: the mode, except that held mail a domain server asked for
     * goes to the forward host if there is one (FORWARD), else to the MX hosts above mxgate (MX).
     */
    public DeliveryMode sendingMode() {
        return mode != DeliveryMode.HOLD ? mode : forwardHost != null ? DeliveryMode.FORWARD : DeliveryMode.MX;
    }

    /** The FORWARD host list as given ({@code host[:port]} entries, comma-separated), or null. */
    public String forwardHost() {
        return forwardHost;
    }

    /** The port for hosts given without one, or null for the configured delivery port. */
    public Integer forwardPort() {
        return forwardPort;
    }

    public String forwardAddress() {
        return forwardAddress;
    }
}
