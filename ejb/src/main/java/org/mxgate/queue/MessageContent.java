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
 * listing the queue never loads message bodies.
 */
@Entity
@Table(name = "MESSAGE_CONTENT")
@NamedQuery(name = "MessageContent.delete", query = "DELETE FROM MessageContent c WHERE c.id IN :ids")
@NamedQuery(name = "MessageContent.data", query = "SELECT c.id, c.data FROM MessageContent c WHERE c.id IN :ids")
public class MessageContent {

    @Id
    @Column(length = 32)
    private String id;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] data;

    protected MessageContent() {
    }

    MessageContent(String id, byte[] data) {
        this.id = id;
        this.data = data;
    }

    public String getId() {
        return id;
    }

    public byte[] getData() {
        return data;
    }
}
