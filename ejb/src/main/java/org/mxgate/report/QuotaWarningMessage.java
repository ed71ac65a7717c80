package org.mxgate.report;

import java.time.ZonedDateTime;
import org.mxgate.gateway.Limits;
import org.mxgate.mail.Mime;
import org.mxgate.queue.Usage;

/** The message telling a gateway's contact that its stored mail nears the gateway's quota. */
final class QuotaWarningMessage {

    private QuotaWarningMessage() {
    }

    static byte[] compose(String hostname, String to, String domain, Usage usage, Limits limits, int percent,
            ZonedDateTime now) {
        String text = "mxgate at " + hostname + " stores mail for " + domain + " until it can be delivered or is\r\n"
                + "collected. The stored mail has reached " + percent + " % of the gateway's quota:\r\n\r\n"
                + "Messages stored: " + usage.messages() + (limits.maxMessages() == null ? " (no limit)"
                        : " of at most " + limits.maxMessages()) + "\r\n"
                + "Bytes stored:    " + usage.bytes() + (limits.maxBytes() == null ? " (no limit)"
                        : " of at most " + limits.maxBytes()) + "\r\n\r\n"
                + "When the quota is reached, senders are asked to try again later (452 4.2.2):\r\n"
                + "no mail is lost, but it waits at the senders' servers. Deliver or collect the\r\n"
                + "stored mail, or raise the quota.\r\n\r\n"
                + "This warning is sent once; again only after the stored mail has dropped below\r\n"
                + percent + " % and risen again.\r\n";
        return Mime.bytes(Mime.notice(hostname, "quota", to, "mxgate: the gateway for " + domain + " is at " + percent
                + " % of its quota", text, now));
    }
}
