package org.mxgate.web.api;

import java.time.LocalDateTime;
import org.mxgate.gateway.Gateway;

/** A gateway as the API shows it. */
public record GatewayJson(String domain, String mode, String forwardHost, Integer forwardPort, boolean enabled,
        LocalDateTime createdAt) {

    static GatewayJson of(Gateway g) {
        return new GatewayJson(g.getDomain(), g.getMode().name(), g.getForwardHost(), g.getForwardPort(),
                g.isEnabled(), g.getCreatedAt());
    }
}
