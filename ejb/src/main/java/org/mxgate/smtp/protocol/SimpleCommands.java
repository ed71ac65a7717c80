package org.mxgate.smtp.protocol;

import java.io.IOException;
import org.mxgate.mail.SmtpReplies;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/** The verbs with no state of their own: RSET, NOOP, QUIT, VRFY, HELP and the refused ones. */
final class SimpleCommands {

    private SimpleCommands() {
    }

    static final class Rset extends SmtpCommand {
        Rset(Context context) {
            super(context, "RSET", "Abort the current mail transaction.");
        }

        @Override
        void run(String argument, Session session) throws IOException, DropConnectionException {
            if (!argument.isBlank()) {
                reply(session, SmtpReplies.syntax("RSET"));
                return;
            }
            session.resetMailTransaction();
            reply(session, SmtpReplies.OK);
        }
    }

    static final class Noop extends SmtpCommand {
        Noop(Context context) {
            super(context, "NOOP", "Do nothing.");
        }

        @Override
        void run(String argument, Session session) throws IOException, DropConnectionException {
            reply(session, SmtpReplies.OK);
        }
    }

    static final class Quit extends SmtpCommand {
        Quit(Context context) {
            super(context, "QUIT", "Close the session.");
        }

        @Override
        void run(String argument, Session session) throws IOException, DropConnectionException {
            reply(session, SmtpReplies.BYE);
            session.quit();
        }
    }

    static final class Vrfy extends SmtpCommand {
        Vrfy(Context context) {
            super(context, "VRFY", "Verify an address (not disclosed).");
        }

        @Override
        void run(String argument, Session session) throws IOException, DropConnectionException {
            if (argument.isBlank()) {
                reply(session, SmtpReplies.syntax("VRFY address"));
                return;
            }
            reply(session, SmtpReplies.CANNOT_VRFY);
        }
    }

    static final class Help extends SmtpCommand {
        Help(Context context) {
            super(context, "HELP", "Show the commands.");
        }

        @Override
        void run(String argument, Session session) throws IOException, DropConnectionException {
            session.sendResponse("214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP");
        }
    }

    /** A verb mxgate knows but does not offer (EXPN, BDAT, AUTH, STARTTLS, TURN, ...). */
    static final class Refused extends SmtpCommand {
        Refused(Context context, String name) {
            super(context, name, "Not offered.");
        }

        @Override
        void run(String argument, Session session) throws IOException, DropConnectionException {
            reply(session, SmtpReplies.NOT_IMPLEMENTED);
        }
    }
}
