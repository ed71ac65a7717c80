package org.mxgate.verify;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * What the verification source (or the next hop, at delivery) last said of one address: valid or
 * unknown, when, and until when it is taken without asking again. A valid answer past that time
 * is kept, since it still lets the address through while the source cannot be asked.
 */
@Entity
@Table(name = "VERIFY_CACHE", indexes = @Index(name = "VERIFY_CACHE_DOMAIN", columnList = "domain"))
@NamedQuery(name = "KnownRecipient.forgetDomain", query = "DELETE FROM KnownRecipient k WHERE k.domain = :domain")
@NamedQuery(name = "KnownRecipient.purge", query = "DELETE FROM KnownRecipient k WHERE k.keepUntil < :now")
public class KnownRecipient {

    /** The address in lower case. */
    @Id
    @Column(length = 320)
    private String address;

    @Column(length = 255, nullable = false)
    private String domain;

    private boolean valid;

    /** Who said so: LDAP, CALLOUT or DELIVERY. */
    @Column(length = 8, nullable = false)
    private String source;

    @Column(nullable = false)
    private LocalDateTime answeredAt;

    /** Until when the answer is used without asking again. */
    @Column(nullable = false)
    private LocalDateTime freshUntil;

    /** When the row goes: an unknown answer when it is stale, a valid one long after (the outage rule uses it). */
    @Column(nullable = false)
    private LocalDateTime keepUntil;

    protected KnownRecipient() {
    }

    KnownRecipient(String address, String domain, boolean valid, String source, LocalDateTime answeredAt,
            LocalDateTime freshUntil, LocalDateTime keepUntil) {
        this.address = address;
        this.domain = domain;
        this.valid = valid;
        this.source = source;
        this.answeredAt = answeredAt;
        this.freshUntil = freshUntil;
        this.keepUntil = keepUntil;
    }

    void update(boolean valid, String source, LocalDateTime answeredAt, LocalDateTime freshUntil,
            LocalDateTime keepUntil) {
        this.valid = valid;
        this.source = source;
        this.answeredAt = answeredAt;
        this.freshUntil = freshUntil;
        this.keepUntil = keepUntil;
    }

    public String address() {
        return address;
    }

    public boolean valid() {
        return valid;
    }

    public String source() {
        return source;
    }

    public LocalDateTime answeredAt() {
        return answeredAt;
    }

    public LocalDateTime freshUntil() {
        return freshUntil;
    }
}
