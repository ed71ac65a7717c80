package org.mxgate.mail;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What a delivery status notification (RFC 3464) reports: what happened, to which message, for
 * which of its recipients. The queue decides that a report is due; the report package writes it.
 */
public record DeliveryReport(Action action, Original original, List<Reported> recipients) {

    /** What the report says happened to the recipients it lists. */
    public enum Action { FAILED, DELAYED, RELAYED }

    /**
     * The message reported on.
     *
     * @param envid the sender's ENVID in xtext, or null
     * @param fullContent whether a failure report returns the whole message (RET=FULL)
     * @param content the message as stored (mxgate's trace header first)
     */
    public record Original(String queueId, String sender, String envid, boolean fullContent,
            ZonedDateTime arrival, byte[] content) {
    }

    /**
     * One recipient reported on, with the reply (or mxgate's own reason) that decided it.
     *
     * @param orcpt the sender's ORCPT ({@code addr-type;xtext}), or null
     */
    public record Reported(String address, String orcpt, String reply) {
    }
}
