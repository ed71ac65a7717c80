package org.mxgate.dns;

import java.util.List;

/** What the DNS says about where a domain's mail goes. */
public sealed interface MxLookup {

    /**
     * The MX hosts, most preferred first, equal preferences shuffled. {@code implicit} when the
     * domain has no MX records and its own address stands in (RFC 5321 §5.1).
     */
    record Hosts(List<MxHost> hosts, boolean implicit) implements MxLookup {
    }

    /** The domain publishes a null MX (RFC 7505): it accepts no mail. */
    record NullMx() implements MxLookup {
    }

    /** The domain does not exist, or has neither MX nor address records. */
    record NoSuchDomain() implements MxLookup {
    }

    /** The lookup failed for now (timeout, SERVFAIL): try again later. */
    record TryAgain(String reason) implements MxLookup {
    }
}
