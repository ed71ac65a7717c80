package org.mxgate.policy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.dns.AddressRanges;
import org.mxgate.dns.Dnsbl;
import org.mxgate.dns.DnsblZone;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

/**
 * DNS block lists at connect ({@code MXGATE_DNSBL_ZONES}): a client listed in a zone whose action
 * is reject gets {@code 554 5.7.1} naming the zone and is disconnected; a listing in a record
 * zone is only logged. Trusted networks are not asked about, and a lookup that fails lets the
 * client in.
 */
@ApplicationScoped
public class DnsblCheck implements MailCheck {

    private static final Logger LOG = Logger.getLogger(DnsblCheck.class.getName());

    @Inject
    GatewaySettings settings;

    private List<DnsblZone> zones;
    private AddressRanges trusted;
    private Dnsbl dnsbl;

    @PostConstruct
    void start() {
        zones = settings.dnsblZones();
        trusted = settings.trustedNetworks();
        dnsbl = new Dnsbl(settings.dnsServers(), Duration.ofSeconds(3));
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Verdict connect(String client) {
        if (zones.isEmpty()) {
            return Verdict.next();
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(client);
        } catch (UnknownHostException e) {
            return Verdict.next();
        }
        if (trusted.contains(address)) {
            return Verdict.next();
        }
        for (DnsblZone zone : zones) {
            Dnsbl.Listing listing = dnsbl.lookup(address, zone.zone());
            if (listing.failed()) {
                LOG.info("dnsbl=" + zone.zone() + " client=[" + client + "] lookup failed: let in");
            } else if (listing.listed() && zone.reject()) {
                return Verdict.reject(SmtpReplies.blockListed(client, zone.zone()));
            } else if (listing.listed()) {
                LOG.info("dnsbl=" + zone.zone() + " client=[" + client + "] listed (" + listing.answer()
                        + "), recorded only");
            }
        }
        return Verdict.next();
    }
}
