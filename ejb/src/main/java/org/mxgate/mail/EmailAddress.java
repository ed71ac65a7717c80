package org.mxgate.mail;

import java.util.Locale;

/**
 * A mailbox as RFC 5321 §4.1.2 defines it: a local part and a domain (or address literal).
 * Only {@link MailboxParser} creates instances, so every instance is valid syntax.
 */
public record EmailAddress(String localPart, String domain) {

    /** The domain in lower case, the form gateways are keyed by. */
    public String domainKey() {
        return domain.toLowerCase(Locale.ROOT);
    }

    /** True for {@code [192.0.2.1]} style address literals. */
    public boolean isAddressLiteral() {
        return domain.startsWith("[");
    }

    /** True when the local part contains characters that downstream servers may treat as routing. */
    public boolean hasRoutingCharacters() {
        return localPart.indexOf('%') >= 0 || localPart.indexOf('!') >= 0 || localPart.indexOf('@') >= 0;
    }

    /**
     * Whether this is the mailbox {@code other} names, with the local part compared without case:
     * for addresses mxgate itself answers for (postmaster), where RFC 5321 §4.5.1 ignores it.
     */
    public boolean isMailboxIgnoringCase(EmailAddress other) {
        return localPart.equalsIgnoreCase(other.localPart) && domainKey().equals(other.domainKey());
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
