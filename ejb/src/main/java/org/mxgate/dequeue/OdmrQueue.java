package org.mxgate.dequeue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.mxgate.mail.SmtpReply;

/** What an ODMR session needs from the queue: the checks of a login, and a turn. */
public interface OdmrQueue {

    /** Whether {@code password} is the collection password of gateway {@code user}. */
    boolean checkPassword(String user, String password, String client);

    /** Whether {@code digest} answers {@code challenge} with the CRAM-MD5 secret of gateway {@code user}. */
    boolean checkCramMd5(String user, String challenge, String digest, String client);

    /**
     * ATRN by the authenticated {@code user} for {@code domains}: a refusal (450 not allowed,
     * 453 no mail, 451 not now), or the turn with the domains' waiting mail claimed for it.
     */
    Turn turn(String user, List<String> domains, String client);

    /** The reply to {@code ETRN argument} (RFC 1985) from the logged-in {@code user}, having started it. */
    SmtpReply etrn(String argument, String user, String client);

    /** The answer to ATRN. */
    interface Turn {
        /** The reply when nothing is turned, or null. */
        SmtpReply refusal();

        /**
         * mxgate's side of the turned connection: it waits for the domain server's greeting, sends
         * the claimed mail and quits. Whatever the domain server has not accepted stays queued.
         */
        void deliver(InputStream in, OutputStream out) throws IOException;

        static Turn refused(SmtpReply reply) {
            return new Turn() {
                @Override
                public SmtpReply refusal() {
                    return reply;
                }

                @Override
                public void deliver(InputStream in, OutputStream out) {
                    throw new IllegalStateException("a refused turn delivers nothing");
                }
            };
        }
    }
}
