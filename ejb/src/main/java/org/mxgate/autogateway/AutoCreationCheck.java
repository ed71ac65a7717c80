package org.mxgate.autogateway;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.gateway.GatewayDirectory;
import org.mxgate.gateway.GatewayService;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.mxgate.policy.MailCheck;

/**
 * Mail for a domain without a gateway may create one, when automatic creation is on and the
 * domain's DNS names mxgate as a backup MX host ({@link AutoGatewayService#consider}); the relay
 * decision after this check then finds it. While creation is off this costs one read; DNS
 * answers are kept and limited per client ({@link DomainLookups}).
 */
@ApplicationScoped
public class AutoCreationCheck implements MailCheck {

    private static final Logger LOG = Logger.getLogger(AutoCreationCheck.class.getName());

    @Inject
    GatewayDirectory directory;

    @EJB
    GatewayService gateways;

    @EJB
    AutoGatewayService autoGateways;

    @Inject
    DomainLookups lookups;

    @Override
    public int order() {
        return 200;
    }

    /** A session logged in by AUTH counts as a local sender: no gateway is created for its mail. */
    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient, String authenticated) {
        String domain = recipient.domainKey();
        // the DNS was found lately not to name mxgate: the relay check refuses it, without a
        // transaction or a lookup (RCPTs to ever new random domains cost a map read each)
        if (directory.find(domain).isPresent() || lookups.knownNotListed(domain) || !autoGateways.enabled()) {
            return Verdict.next();
        }
        try {
            return autoGateways.consider(domain, client, sender, authenticated != null);
        } catch (EJBException e) {
            // another session created it at the same moment (the loser's insert fails), or the database failed
            if (gateways.find(domain).isPresent()) {
                return Verdict.next();
            }
            LOG.log(Level.WARNING, "auto-gateway domain=" + domain + " for [" + client + "]: " + e, e);
            return Verdict.defer(SmtpReplies.SYSTEM_ERROR);
        }
    }
}
