package org.mxgate.policy;

import jakarta.enterprise.context.ApplicationScoped;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;

/**
 * Address literals and local parts with routing characters ({@code %}, {@code !}, {@code @}) are
 * refused as relaying even for gateway domains, since a server behind mxgate might route them on.
 */
@ApplicationScoped
public class AddressCheck implements MailCheck {

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Verdict recipient(String client, EmailAddress sender, EmailAddress recipient) {
        return decide(recipient);
    }

    static Verdict decide(EmailAddress recipient) {
        return recipient.isAddressLiteral() || recipient.hasRoutingCharacters()
                ? Verdict.reject(SmtpReplies.RELAY_DENIED) : Verdict.next();
    }
}
