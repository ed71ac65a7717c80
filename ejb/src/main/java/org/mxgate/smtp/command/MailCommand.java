package org.mxgate.smtp.command;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.mail.MailboxParser;
import org.mxgate.smtp.SmtpReplies;
import org.subethamail.smtp.server.Session;

/**
 * MAIL FROM: starts a transaction. Takes the null sender, SIZE (refused at once when over the
 * limit) and BODY=7BIT|8BITMIME; any other parameter is refused.
 */
final class MailCommand extends SmtpCommand {

    private static final Logger LOG = Logger.getLogger(MailCommand.class.getName());

    MailCommand(Context context) {
        super(context, "MAIL", "MAIL FROM:<sender> [SIZE=n] [BODY=7BIT|8BITMIME]");
    }

    @Override
    void run(String argument, Session session) throws IOException {
        if (!state(session).hasGreeted()) {
            reply(session, SmtpReplies.NEED_HELO);
            return;
        }
        if (session.isMailTransactionInProgress()) {
            reply(session, SmtpReplies.NESTED_MAIL);
            return;
        }
        if (!argument.regionMatches(true, 0, " FROM:", 0, 6)) {
            session.sendResponse("501 5.5.4 Syntax: MAIL FROM:<address>");
            return;
        }
        Optional<MailboxParser.Path> path = MailboxParser.parsePath(argument.substring(6), true);
        if (path.isEmpty()) {
            reply(session, SmtpReplies.BAD_SENDER_SYNTAX);
            return;
        }
        String refusal = checkParameters(path.get().parameters());
        if (refusal != null) {
            session.sendResponse(refusal);
            return;
        }
        session.startMailTransaction();
        transaction(session).begin(path.get().address());
        LOG.log(Level.FINE, "session={0} from=<{1}>",
                new Object[] {session.getSessionId(), path.get().isNull() ? "" : path.get().address()});
        reply(session, SmtpReplies.SENDER_OK);
    }

    /** The reply refusing the parameters, or {@code null}. */
    private String checkParameters(String parameters) {
        if (parameters.isEmpty()) {
            return null;
        }
        for (String p : parameters.split(" +")) {
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : p.substring(eq + 1);
            switch (key) {
                case "SIZE" -> {
                    if (value == null || !value.matches("\\d{1,20}")) {
                        return "501 5.5.4 Bad SIZE parameter";
                    }
                    if (value.length() > 10 || Long.parseLong(value) > context.limits().maxMessageSize()) {
                        return SmtpReplies.TOO_BIG.toString();
                    }
                }
                case "BODY" -> {
                    if (value == null || !(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
                        return "501 5.5.4 Bad BODY parameter";
                    }
                }
                default -> {
                    return SmtpReplies.UNKNOWN_PARAMETER.toString();
                }
            }
        }
        return null;
    }
}
