package org.mxgate.verify;

import java.time.Duration;
import org.mxgate.gateway.Gateway;

/**
 * Asks a gateway's next hop whether it takes a recipient (an SMTP callout), without sending it any
 * mail. Delivery provides it, since it knows the route.
 */
public interface RecipientProbe {

    /** The next hop's answer for {@code address}, within {@code timeout} per connection step. */
    Answer probe(Gateway gateway, String address, Duration timeout);
}
