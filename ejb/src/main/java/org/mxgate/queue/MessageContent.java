package org.mxgate.queue;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The bytes of a queued message as they will be sent: mxgate's Received header followed by the
 * message as received, with CRLF line ends. Kept apart from {@link QueuedMessage} so that
 * listing the queue never loads message bodies. For a large message in the embedded store
 * ({@code spooled}), {@code data} is the trace header only and the rest is its {@link Spool} file.
 */
@Entity
@Table(name = "MESSAGE_CONTENT")
@NamedQuery(name = "MessageContent.delete", query = "DELETE FROM MessageContent c WHERE c.id IN :ids")
@NamedQuery(name = "MessageContent.data", query = "SELECT c.id, c.data, c.spooled FROM MessageContent c WHERE c.id IN :ids")
@NamedQuery(name = "MessageContent.spooledIds", query = "SELECT c.id FROM MessageContent c WHERE c.id IN :ids AND c.spooled = TRUE")
public class MessageContent {

    @Id
    @Column(length = 32)
    private String id;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] data;

    /** Null (false) for rows written before spooling existed. */
    private Boolean spooled;

    protected MessageContent() {
    }

    MessageContent(String id, byte[] data) {
        this(id, data, false);
    }

    MessageContent(String id, byte[] data, boolean spooled) {
        this.id = id;
        this.data = data;
        this.spooled = spooled ? Boolean.TRUE : null;
    }

    boolean isSpooled() {
        return Boolean.TRUE.equals(spooled);
    }

    public String getId() {
        return id;
    }

    public byte[] getData() {
        return data;
    }
}
