package org.mxgate.queue;

import java.util.List;
import org.mxgate.mail.Dsn;

/** A message the SMTP side has received completely and hands to the queue for one gateway. */
public record NewMessage(String id, String gatewayDomain, String sender, List<String> recipients,
        String clientAddress, String heloName, byte[] content, Dsn.Request dsn) {
}
