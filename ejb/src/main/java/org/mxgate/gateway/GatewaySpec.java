package org.mxgate.gateway;

/**
 * The settings of a gateway as an operator submits them, unchecked: {@link GatewayService}
 * validates each field and names the one at fault.
 */
public record GatewaySpec(String domain, String mode, String forwardHost, Integer forwardPort, String forwardAddress,
        Boolean enabled, Long maxMessages, Long maxBytes, Integer maxConnections, Integer messagesPerConnection,
        String contactAddress, ScheduleSpec schedule, Boolean keepCopy, String copyRetention) {
}
