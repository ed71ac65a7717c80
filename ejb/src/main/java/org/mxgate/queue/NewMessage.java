package org.mxgate.queue;

import java.util.List;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.MessageBytes;

/**
 * A message the SMTP side has received completely and hands to the queue for one gateway (kind
 * MAIL), or for the operator's postmaster address (kind OPERATOR, "gateway" its domain); with
 * {@code quarantine}, the reason the content filter holds it (null: it goes as usual); {@code checks}:
 * the header fields the checks added, one per line (null: none), kept for the record.
 */
public record NewMessage(String id, String gatewayDomain, String sender, List<String> recipients,
        String clientAddress, String heloName, MessageBytes content, Dsn.Request dsn, MessageKind kind,
        String quarantine, String checks) {

    public NewMessage(String id, String gatewayDomain, String sender, List<String> recipients, String clientAddress,
            String heloName, MessageBytes content, Dsn.Request dsn, MessageKind kind) {
        this(id, gatewayDomain, sender, recipients, clientAddress, heloName, content, dsn, kind, null, null);
    }

    public NewMessage(String id, String gatewayDomain, String sender, List<String> recipients, String clientAddress,
            String heloName, MessageBytes content, Dsn.Request dsn) {
        this(id, gatewayDomain, sender, recipients, clientAddress, heloName, content, dsn, MessageKind.MAIL);
    }
}
