package org.mxgate.report;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.mxgate.config.GatewaySettings;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;
import org.mxgate.queue.QueueService;
import org.mxgate.queue.Usage;

/**
 * Warns a gateway's contact once when its stored mail reaches {@code MXGATE_QUOTA_WARNING} (90 %)
 * of its quota, and again only after it has dropped below that and risen again. Asked after
 * mail was stored, in a transaction of its own, so that a warning can never cost a message.
 */
@Stateless
public class QuotaWarnings {

    private static final Logger LOG = Logger.getLogger(QuotaWarnings.class.getName());

    @EJB
    GatewayService gateways;

    @EJB
    QueueService queue;

    @Inject
    GatewaySettings settings;

    @Inject
    Clock clock;

    /** After mail was stored for these gateways (each with a quota). */
    @Asynchronous
    public void afterStore(List<String> domains) {
        for (String domain : domains) {
            try {
                check(domain);
            } catch (RuntimeException e) {
                LOG.warning("quota warning for " + domain + " not checked: " + e);
            }
        }
    }

    private void check(String domain) {
        Optional<Gateway> found = gateways.find(domain);
        int percent = settings.quotaWarningPercent();
        if (found.isEmpty() || !found.get().limits().hasQuota() || percent == 0) {
            return;
        }
        Gateway g = found.get();
        Usage usage = queue.usage(domain);
        boolean near = g.limits().isNearQuota(usage.messages(), usage.bytes(), percent);
        if (near && g.quotaWarnedAt() == null && gateways.markQuotaWarned(domain)) {
            String id = queue.queueNotice(domain, g.contactAddress(), QuotaWarningMessage.compose(settings.hostname(),
                    g.contactAddress(), domain, usage, g.limits(), percent, ZonedDateTime.now(clock)));
            LOG.info("quota warning for " + domain + " to <" + g.contactAddress() + ">: " + usage.messages()
                    + " messages, " + usage.bytes() + " bytes stored; id=" + id);
        } else if (!near && g.quotaWarnedAt() != null) {
            gateways.clearQuotaWarning(domain);
        }
    }
}
