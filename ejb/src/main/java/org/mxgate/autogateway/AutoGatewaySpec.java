package org.mxgate.autogateway;

/**
 * The automatic-creation settings as an operator submits them, unchecked; a field left out
 * keeps its value. {@link AutoGatewayService} validates each field and names the one at fault.
 * One constructor only: JSON-B binds a record through it, and refuses a record with two.
 */
public record AutoGatewaySpec(Boolean enabled, String templateDomain, Boolean skipLocalSenders,
        Boolean refuseReservedMx, String reservedRanges, Boolean requireConfirmation, String confirmationAddress,
        Integer confirmWithinMinutes, Integer maxPerClientPerHour, Boolean deliverToHigherMx) {
}
