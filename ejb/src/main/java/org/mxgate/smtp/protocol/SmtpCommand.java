package org.mxgate.smtp.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.config.ServerTls;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.SmtpReply;
import org.mxgate.mail.Verdict;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * What all of mxgate's SMTP commands share: the limits, the session states, the receiver, the
 * command-line length check and replies with enhanced status codes.
 */
abstract class SmtpCommand extends BaseCommand {

    private static final Logger LOG = Logger.getLogger(SmtpCommand.class.getName());

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
        SessionState state = state(session);
        if (!state.begin()) {
            session.quit(); // told 421 by the stop already
            return;
        }
        try {
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
        } finally {
            state.end();
        }
    }

    /** Runs the command; {@code argument} is what follows the verb, leading space included. */
    abstract void run(String argument, Session session) throws IOException, DropConnectionException;

    /**
     * Sends {@code reply}. An error reply (4xx, 5xx) counts against the session's {@link
     * SmtpLimits.ErrorLimit}: from the soft limit on every reply waits, and the error that reaches
     * the hard limit is answered {@code 421 4.7.0} instead and ends the session.
     */
    void reply(Session session, SmtpReply reply) throws IOException, DropConnectionException {
        SessionState state = state(session);
        if (!state.trusted()) {
            holdOff(session, state, reply);
        }
        session.sendResponse(reply.toString());
    }

    /** Counts an error reply, and waits past the soft limit or ends the session at the hard one. */
    private void holdOff(Session session, SessionState state, SmtpReply reply) throws IOException,
            DropConnectionException {
        SmtpLimits.ErrorLimit limit = context.limits().errors();
        boolean error = reply.code() >= 400;
        int errors = error ? state.error() : state.errors();
        if (error && errors >= limit.hard()) {
            SmtpReply closing = SmtpReplies.tooManyErrors(context.limits().hostname());
            logRefusal(session.getSessionId(), "session", state.client(), errors + " errors, the last: " + reply,
                    closing);
            throw new DropConnectionException(closing.code(), closing.status() + " " + closing.text());
        }
        if (errors >= limit.soft()) {
            pause(limit.delay());
        }
    }

    private static void pause(java.time.Duration delay) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted in the error delay");
        }
    }

    /** Logs a refusal with the stable keys operators grep (see {@link #logRefusal}), and sends it. */
    void refused(Session session, String verb, String detail, SmtpReply reply) throws IOException,
            DropConnectionException {
        logRefusal(session.getSessionId(), verb, session.getRemoteAddress().getAddress().getHostAddress(), detail,
                reply);
        reply(session, reply);
    }

    /**
     * The one log line of every refusal: {@code session=… reject: RCPT from [192.0.2.9]
     * to=<x@elsewhere.test>: 550 5.7.1 …} ({@code detail} may be empty).
     */
    static void logRefusal(String sessionId, String verb, String client, String detail, SmtpReply reply) {
        LOG.log(Level.INFO, "session={0} reject: {1} from [{2}]{3}: {4}", new Object[] {sessionId, verb, client,
                detail.isEmpty() ? "" : " " + printable(detail), reply});
    }

    /** {@code s} with every character outside printable ASCII shown as {@code ?}. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /**
     * HELO and EHLO: the name's syntax, then the checks' verdict; true when the client is now
     * greeted (any transaction ends), false after the refusal was sent.
     */
    boolean greet(String argument, Session session, boolean extended) throws IOException, DropConnectionException {
        String name = argument.strip();
        if (name.isEmpty() || name.contains(" ")) {
            reply(session, SmtpReplies.syntax((extended ? "EHLO" : "HELO") + " hostname"));
            return false;
        }
        session.resetMailTransaction();
        Verdict verdict = context.receiver().helo(session.getRemoteAddress().getAddress().getHostAddress(), name);
        if (verdict.refuses()) {
            refused(session, extended ? "EHLO" : "HELO", "helo=" + name, verdict.reply());
            return false;
        }
        state(session).greeted(name, extended);
        session.setHelo(name);
        return true;
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
