package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Locale;
import org.mxgate.admin.ServiceException;

/**
 * What a gateway asks of the senders of its mail: whether an SPF {@code fail} of the sender's
 * domain refuses the mail or is only stamped into it (the default), and whether senders in the
 * gateway's own domain must authenticate (SMTP AUTH) unless they come from a trusted network.
 * Immutable; {@link #with} checks a change and names the field at fault. Every column is null
 * while nothing was set (JPA then reads the value as null, shown as {@link #defaults()}).
 */
@Embeddable
public class SenderPolicy {

    /** REFUSE, or null for STAMP. */
    @Column(length = 8)
    private String spfFail;

    /** TRUE, or null for false. */
    private Boolean sendersAuthenticate;

    protected SenderPolicy() {
    }

    private SenderPolicy(String spfFail, Boolean sendersAuthenticate) {
        this.spfFail = spfFail;
        this.sendersAuthenticate = sendersAuthenticate;
    }

    /** SPF fail only stamped; no authentication asked. */
    public static SenderPolicy defaults() {
        return new SenderPolicy(null, null);
    }

    SenderPolicy copy() {
        return new SenderPolicy(spfFail, sendersAuthenticate);
    }

    SenderPolicy with(SenderSpec spec) {
        String fail = spfFail;
        if (spec.spfFail() != null) {
            String v = spec.spfFail().strip().toUpperCase(Locale.ROOT);
            if (!v.equals("STAMP") && !v.equals("REFUSE")) {
                throw ServiceException.invalid("spfFail", "spfFail is STAMP or REFUSE, not '" + spec.spfFail() + "'");
            }
            fail = v.equals("REFUSE") ? v : null;
        }
        Boolean auth = spec.mustAuthenticate() == null ? sendersAuthenticate
                : spec.mustAuthenticate() ? Boolean.TRUE : null;
        return new SenderPolicy(fail, auth);
    }

    /** Whether an SPF fail of the sender's domain refuses the mail ({@code 550 5.7.23}). */
    public boolean refusesSpfFail() {
        return spfFail != null;
    }

    /** Whether senders in the gateway's domain must authenticate (outside trusted networks). */
    public boolean sendersMustAuthenticate() {
        return sendersAuthenticate != null && sendersAuthenticate;
    }
}
