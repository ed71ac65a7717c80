package org.mxgate.smtp.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mxgate.config.ServerTls;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.smtp.MailReceiver;
import org.mxgate.smtp.MailTransaction;
import org.mxgate.smtp.SessionState;
import org.mxgate.smtp.SmtpLimits;
import org.mxgate.smtp.SmtpSessions;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * What all of mxgate's SMTP commands share: the limits, the session states, the receiver, the
 * command-line length check and replies with enhanced status codes.
 */
abstract class SmtpCommand extends BaseCommand {

    /** Everything a command works with; one per listener. */
    record Context(SmtpLimits limits, SmtpSessions sessions, MailReceiver receiver, ServerTls tls) {
    }

    protected final Context context;

    SmtpCommand(Context context, String name, String help) {
        super(name, help);
        this.context = context;
    }

    @Override
    public final void execute(String line, Session session) throws IOException, DropConnectionException {
        if (line.length() > SmtpLimits.MAX_COMMAND_LINE) {
            reply(session, SmtpReplies.LINE_TOO_LONG);
            return;
        }
        String verb = verbOf(line);
        if (!verb.equals(getName())) {
            reply(session, SmtpReplies.UNRECOGNISED);
            return;
        }
        run(line.substring(verb.length()), session);
    }

    /** Runs the command; {@code argument} is what follows the verb, leading space included. */
    abstract void run(String argument, Session session) throws IOException, DropConnectionException;

    static void reply(Session session, SmtpReply reply) throws IOException {
        session.sendResponse(reply.toString());
    }

    SessionState state(Session session) {
        return context.sessions().of(session);
    }

    static MailTransaction transaction(Session session) {
        return (MailTransaction) session.getMessageHandler();
    }

    /** One ESMTP parameter of MAIL or RCPT: its keyword in upper case and its value, or null. */
    record Parameter(String key, String value) {
    }

    /** The ESMTP parameters after a path, in order (RFC 5321 §4.1.2 {@code esmtp-param}). */
    static List<Parameter> parameters(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<Parameter> list = new ArrayList<>();
        for (String p : text.split(" +")) {
            int eq = p.indexOf('=');
            list.add(new Parameter((eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT),
                    eq < 0 ? null : p.substring(eq + 1)));
        }
        return list;
    }

    /** The verb as SubEthaSMTP matched it, in upper case, up to the first space or colon. */
    private static String verbOf(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != ':') {
            end++;
        }
        return line.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
