package org.mxgate.smtp.protocol;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.EmailAddress;
import org.mxgate.mail.MailboxParser;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * MAIL FROM: starts a transaction. Takes the null sender, SIZE (refused at once when over the
 * limit, 552, or over the free storage now, 452 4.3.1), BODY=7BIT|8BITMIME and the DSN parameters RET and ENVID (RFC 3461); any other
 * parameter, or one given twice, is refused.
 */
final class MailCommand extends SmtpCommand {

    private static final Logger LOG = Logger.getLogger(MailCommand.class.getName());

    MailCommand(Context context) {
        super(context, "MAIL", "MAIL FROM:<sender> [SIZE=n] [BODY=7BIT|8BITMIME] [RET=FULL|HDRS] [ENVID=id]");
    }

    @Override
    void run(String argument, Session session) throws IOException, DropConnectionException {
        if (!state(session).hasGreeted()) {
            reply(session, SmtpReplies.NEED_HELO);
            return;
        }
        if (session.isMailTransactionInProgress()) {
            reply(session, SmtpReplies.NESTED_MAIL);
            return;
        }
        if (!argument.regionMatches(true, 0, " FROM:", 0, 6)) {
            reply(session, SmtpReplies.syntax("MAIL FROM:<address>"));
            return;
        }
        Optional<MailboxParser.Path> path = MailboxParser.parsePath(argument.substring(6), true);
        if (path.isEmpty()) {
            reply(session, SmtpReplies.BAD_SENDER_SYNTAX);
            return;
        }
        Parameters parameters = new Parameters();
        SmtpReply refusal = parameters.read(path.get().parameters());
        if (refusal != null) {
            reply(session, refusal);
            return;
        }
        EmailAddress sender = path.get().isNull() ? null : path.get().address();
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        Verdict allowed = context.receiver().sender(client, sender, state(session).authenticated());
        if (allowed.refuses()) {
            refused(session, "MAIL", "from=<" + (sender == null ? "" : sender) + ">", allowed.reply());
            return;
        }
        Optional<MailReceiver.Room> room = context.receiver().reserve(parameters.size);
        if (room.isEmpty()) {
            // RFC 1870 §6.1: told before it sends (the declared size, or nothing left at all)
            refused(session, "MAIL", "from=<" + (sender == null ? "" : sender) + ">", SmtpReplies.INSUFFICIENT_STORAGE);
            return;
        }
        Verdict verdict;
        try {
            verdict = context.receiver().mail(client, state(session).heloName(), sender);
        } catch (RuntimeException e) {
            room.get().close();
            throw e;
        }
        if (verdict.refuses()) {
            room.get().close();
            refused(session, "MAIL", "from=<" + (sender == null ? "" : sender) + ">", verdict.reply());
            return;
        }
        session.startMailTransaction();
        transaction(session).begin(sender, parameters.ret, parameters.envid, room.get());
        LOG.log(Level.FINE, "session={0} from=<{1}>", new Object[] {session.getSessionId(), sender == null ? "" : sender});
        reply(session, SmtpReplies.SENDER_OK);
    }

    /** The parameters of one MAIL command. */
    private final class Parameters {
        private final Set<String> seen = new HashSet<>();
        private String ret;
        private String envid;
        private long size;

        /** Reads the parameters; returns the reply refusing them, or {@code null}. */
        SmtpReply read(String parameters) {
            for (Parameter p : parameters(parameters)) {
                String key = p.key();
                String value = p.value();
                if (!seen.add(key)) {
                    return SmtpReplies.duplicateParameter(key);
                }
                SmtpReply refusal = switch (key) {
                    case "SIZE" -> size(value);
                    case "BODY" -> value == null || !(value.equalsIgnoreCase("7BIT")
                            || value.equalsIgnoreCase("8BITMIME")) ? SmtpReplies.badParameter("BODY", null) : null;
                    case "RET" -> {
                        ret = Dsn.ret(value).orElse(null);
                        yield ret == null ? SmtpReplies.badParameter("RET", null) : null;
                    }
                    case "ENVID" -> {
                        envid = Dsn.envid(value).orElse(null);
                        yield envid == null ? SmtpReplies.badParameter("ENVID", null) : null;
                    }
                    default -> SmtpReplies.UNKNOWN_PARAMETER;
                };
                if (refusal != null) {
                    return refusal;
                }
            }
            return null;
        }

        private SmtpReply size(String value) {
            if (value == null || !value.matches("\\d{1,20}")) {
                return SmtpReplies.badParameter("SIZE", null);
            }
            if (value.length() > 10 || Long.parseLong(value) > context.limits().maxMessageSize()) {
                return SmtpReplies.TOO_BIG;
            }
            size = Long.parseLong(value);
            return null;
        }
    }
}
