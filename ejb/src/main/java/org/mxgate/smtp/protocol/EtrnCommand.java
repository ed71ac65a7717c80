package org.mxgate.smtp.protocol;

import java.io.IOException;
import org.mxgate.mail.SmtpReplies;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * ETRN (RFC 1985): a domain's server asks for the domain's waiting mail; the receiver decides
 * and starts the delivery. Not inside a mail transaction.
 */
final class EtrnCommand extends SmtpCommand {

    EtrnCommand(Context context) {
        super(context, "ETRN", "ETRN domain | @domain | #queue");
    }

    @Override
    void run(String argument, Session session) throws IOException, DropConnectionException {
        if (!state(session).hasGreeted()) {
            reply(session, SmtpReplies.NEED_HELO);
            return;
        }
        if (session.isMailTransactionInProgress()) {
            reply(session, SmtpReplies.ETRN_IN_TRANSACTION);
            return;
        }
        if (argument.isBlank()) {
            reply(session, SmtpReplies.ETRN_SYNTAX);
            return;
        }
        reply(session, context.receiver().etrn(argument, session.getRemoteAddress().getAddress().getHostAddress(),
                state(session).authenticated()));
    }
}
