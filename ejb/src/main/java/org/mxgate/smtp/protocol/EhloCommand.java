package org.mxgate.smtp.protocol;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/** EHLO: the greeting that lists mxgate's service extensions. */
final class EhloCommand extends SmtpCommand {

    EhloCommand(Context context) {
        super(context, "EHLO", "Introduce yourself.");
    }

    @Override
    void run(String argument, Session session) throws IOException, DropConnectionException {
        if (!greet(argument, session, true)) {
            return;
        }
        boolean offerTls = context.tls().available() && !session.isTLSStarted();
        session.sendResponse(java.util.stream.Stream.of(
                "250-" + context.limits().hostname(),
                "250-SIZE " + context.limits().maxMessageSize(),
                "250-PIPELINING",
                "250-8BITMIME",
                "250-DSN",
                "250-ETRN",
                offerTls ? "250-STARTTLS" : null,
                AuthCommand.offered(context, session) ? "250-AUTH PLAIN LOGIN" : null,
                "250 ENHANCEDSTATUSCODES").filter(java.util.Objects::nonNull).collect(
                        java.util.stream.Collectors.joining("\r\n")));
    }
}
