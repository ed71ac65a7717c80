package org.mxgate.smtp.protocol;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;
import org.mxgate.mail.SmtpReplies;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * STARTTLS (RFC 3207), offered where mxgate has a certificate: the handshake on the same
 * connection, after which the session starts afresh (the client greets again; nothing it said
 * before counts, and whatever it sent after STARTTLS in plaintext is never read).
 */
final class StartTlsCommand extends SmtpCommand {

    private static final Logger LOG = Logger.getLogger(StartTlsCommand.class.getName());

    StartTlsCommand(Context context) {
        super(context, "STARTTLS", "Start TLS.");
    }

    @Override
    void run(String argument, Session session) throws IOException, DropConnectionException {
        if (!context.tls().available()) {
            reply(session, SmtpReplies.NOT_IMPLEMENTED);
        } else if (session.isTLSStarted()) {
            reply(session, SmtpReplies.TLS_ALREADY_ON);
        } else if (!argument.isBlank()) {
            reply(session, SmtpReplies.STARTTLS_SYNTAX);
        } else if (session.isMailTransactionInProgress()) {
            reply(session, SmtpReplies.STARTTLS_IN_TRANSACTION);
        } else {
            reply(session, SmtpReplies.READY_FOR_TLS);
            SSLSocket secured;
            try {
                secured = context.tls().serverOver(session.getSocket());
            } catch (IOException e) {
                LOG.log(Level.INFO, "session={0} STARTTLS from [{1}] failed: {2}", new Object[] {
                        session.getSessionId(), session.getRemoteAddress().getAddress().getHostAddress(), e.toString()});
                // nothing can be said over a failed handshake: the session ends
                session.quit();
                return;
            }
            session.setSocket(secured);
            session.setTlsStarted(true);
            session.resetSmtpProtocol();
            state(session).greeted(null, false);
            state(session).authenticated(null);
        }
    }
}
