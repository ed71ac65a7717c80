package org.mxgate.autogateway;

import org.mxgate.dns.AddressRanges;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * How mxgate creates gateways by itself, one row shared by all instances. Every default is the
 * safe one: off, no creation for local senders or MX hosts on reserved addresses, confirmation
 * required, three creations per client address and hour.
 */
@Entity
@Table(name = "AUTO_GATEWAY_SETTINGS")
public class AutoGatewaySettings {

    static final int ID = 1;

    @Id
    private int id = ID;

    private boolean enabled;

    /** The gateway whose settings a new gateway copies; null: mode MX and the server's defaults. */
    @Column(length = 255)
    private String templateDomain;

    /** No creation when the sender's domain is one mxgate gateways (or the session authenticated). */
    private boolean skipLocalSenders = true;

    /** No creation when an MX host of the domain resolves into {@link #reservedRanges}. */
    private boolean refuseReservedMx = true;

    @Column(length = 2000)
    private String reservedRanges = AddressRanges.SPECIAL_PURPOSE;

    private boolean requireConfirmation = true;

    /** Where the confirmation message goes. */
    @Column(length = 320)
    private String confirmationAddress;

    private int confirmWithinMinutes = 60;

    private int maxPerClientPerHour = 3;

    /**
     * Whether a created gateway delivers its mail to the MX hosts above mxgate at each queue run
     * (null, in a row from before the switch existed, means yes); no: it holds its mail.
     */
    private Boolean deliverToHigherMx = true;

    @Version
    private long version;

    public boolean isEnabled() {
        return enabled;
    }

    public String getTemplateDomain() {
        return templateDomain;
    }

    public boolean isSkipLocalSenders() {
        return skipLocalSenders;
    }

    public boolean isRefuseReservedMx() {
        return refuseReservedMx;
    }

    public String getReservedRanges() {
        return reservedRanges;
    }

    public boolean isRequireConfirmation() {
        return requireConfirmation;
    }

    public String getConfirmationAddress() {
        return confirmationAddress;
    }

    public int getConfirmWithinMinutes() {
        return confirmWithinMinutes;
    }

    public int getMaxPerClientPerHour() {
        return maxPerClientPerHour;
    }

    public boolean isDeliverToHigherMx() {
        return deliverToHigherMx == null || deliverToHigherMx;
    }

    /** Applies checked settings; {@link AutoGatewayService} validates them first. */
    void apply(boolean enabled, String templateDomain, boolean skipLocalSenders, boolean refuseReservedMx,
            String reservedRanges, boolean requireConfirmation, String confirmationAddress, int confirmWithinMinutes,
            int maxPerClientPerHour, boolean deliverToHigherMx) {
        this.deliverToHigherMx = deliverToHigherMx;
        this.enabled = enabled;
        this.templateDomain = templateDomain;
        this.skipLocalSenders = skipLocalSenders;
        this.refuseReservedMx = refuseReservedMx;
        this.reservedRanges = reservedRanges;
        this.requireConfirmation = requireConfirmation;
        this.confirmationAddress = confirmationAddress;
        this.confirmWithinMinutes = confirmWithinMinutes;
        this.maxPerClientPerHour = maxPerClientPerHour;
    }
}
