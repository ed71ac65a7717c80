package org.mxgate.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mxgate.config.GatewaySettings;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.Verdict;

/**
 * RFC 5321 §4.5.1: mail for the postmaster is always taken. {@code RCPT TO:<postmaster>}, the
 * operator's address it stands for ({@code MXGATE_POSTMASTER}) and postmaster at this host's
 * name are accepted before any other check (relaying, quota) can refuse them.
 */
@ApplicationScoped
public class PostmasterCheck implements MailCheck {

    @Inject
    GatewaySettings settings;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return settings.isPostmaster(recipient) ? Verdict.accept() : Verdict.next();
    }
}
