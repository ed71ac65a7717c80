package org.mxgate.queue;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One envelope recipient of a queued message and how its delivery stands. */
@Embeddable
public class Recipient {

    @Column(name = "ADDRESS", nullable = false, length = 320)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", nullable = false, length = 16)
    private RecipientStatus status;

    /** The last reply about this recipient (next hop's or our own), or null. */
    @Column(name = "REPLY", length = 1000)
    private String reply;

    protected Recipient() {
    }

    public Recipient(String address) {
        this.address = address;
        this.status = RecipientStatus.PENDING;
    }

    public String getAddress() {
        return address;
    }

    public RecipientStatus getStatus() {
        return status;
    }

    public String getReply() {
        return reply;
    }

    void settle(RecipientStatus status, String reply) {
        this.status = status;
        this.reply = reply == null ? null : truncate(reply, 1000);
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
