package org.mxgate.queue;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.mxgate.mail.Dsn;

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

    /** RFC 3461 NOTIFY as the client gave it ({@code NEVER} or a list), or null for the default. */
    @Column(name = "NOTIFY", length = 32)
    private String notifyOn;

    /** RFC 3461 ORCPT as the client gave it ({@code addr-type;xtext}), or null. */
    @Column(name = "ORCPT", length = Dsn.MAX_ORCPT)
    private String orcpt;

    protected Recipient() {
    }

    public Recipient(String address, Dsn.Recipient dsn) {
        this.address = address;
        this.status = RecipientStatus.PENDING;
        this.notifyOn = dsn.notifyOn();
        this.orcpt = dsn.orcpt();
    }

    public Dsn.Recipient dsn() {
        return new Dsn.Recipient(notifyOn, orcpt);
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
