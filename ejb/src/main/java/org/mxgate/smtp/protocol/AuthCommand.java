package org.mxgate.smtp.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.mxgate.mail.SmtpReplies;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * AUTH (RFC 4954) with PLAIN (RFC 4616) and LOGIN, offered under TLS and, without it, only to the
 * clients {@link SmtpLimits#plainAuthWithoutTls()} names (loopback): elsewhere the password would
 * cross the network in the clear, so it is refused with {@code 538 5.7.11}. The receiver checks
 * the credentials (behind the login guard); the third failure in a session ends it.
 */
final class AuthCommand extends SmtpCommand {

    private static final Logger LOG = Logger.getLogger(AuthCommand.class.getName());
    private static final int MAX_FAILURES = 3;

    AuthCommand(Context context) {
        super(context, "AUTH", "AUTH PLAIN [initial-response] | AUTH LOGIN [user]");
    }

    /** Whether PLAIN and LOGIN may be used in this session now (and so are offered in EHLO). */
    static boolean offered(Context context, Session session) {
        return session.isTLSStarted()
                || context.limits().plainAuthWithoutTls().contains(session.getRemoteAddress().getAddress());
    }

    @Override
    void run(String argument, Session session) throws IOException, DropConnectionException {
        SessionState state = state(session);
        if (!state.isExtended()) {
            reply(session, SmtpReplies.NEED_EHLO);
            return;
        }
        if (state.authenticated() != null) {
            reply(session, SmtpReplies.ALREADY_AUTHENTICATED);
            return;
        }
        if (session.isMailTransactionInProgress()) {
            reply(session, SmtpReplies.AUTH_IN_TRANSACTION);
            return;
        }
        String[] words = argument.strip().split(" ");
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        if (!(mechanism.equals("PLAIN") || mechanism.equals("LOGIN")) || words.length > 2) {
            reply(session, SmtpReplies.UNKNOWN_AUTH_TYPE);
            return;
        }
        if (!offered(context, session)) {
            refused(session, "AUTH", "mechanism=" + mechanism + " without TLS", SmtpReplies.ENCRYPTION_REQUIRED);
            return;
        }
        String initial = words.length == 2 ? words[1] : null;
        String user;
        String password;
        if (mechanism.equals("PLAIN")) {
            Optional<String> answer = answer(session, initial == null ? "334 " : null, initial);
            if (answer.isEmpty()) {
                return;
            }
            String[] parts = answer.get().split("\0", -1);
            if (parts.length != 3 || !(parts[0].isEmpty() || parts[0].equals(parts[1]))) {
                reply(session, SmtpReplies.AUTH_UNDECODABLE);
                return;
            }
            user = parts[1];
            password = parts[2];
        } else {
            Optional<String> name = answer(session, initial == null ? "334 VXNlcm5hbWU6" : null, initial);
            if (name.isEmpty()) {
                return;
            }
            Optional<String> secret = answer(session, "334 UGFzc3dvcmQ6", null);
            if (secret.isEmpty()) {
                return;
            }
            user = name.get();
            password = secret.get();
        }
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        Optional<String> identity = context.receiver().authenticate(user, password, client);
        if (identity.isPresent()) {
            state.authenticated(identity.get());
            LOG.log(Level.INFO, "session={0} AUTH {1} from [{2}] as {3}", new Object[] {session.getSessionId(),
                    mechanism, client, identity.get()});
            reply(session, SmtpReplies.AUTH_OK);
            return;
        }
        if (state.authFailed() >= MAX_FAILURES) {
            logRefusal(session.getSessionId(), "AUTH", client, MAX_FAILURES + " failed logins",
                    SmtpReplies.TOO_MANY_AUTH_FAILURES);
            throw new DropConnectionException(SmtpReplies.TOO_MANY_AUTH_FAILURES.code(),
                    SmtpReplies.TOO_MANY_AUTH_FAILURES.status() + " " + SmtpReplies.TOO_MANY_AUTH_FAILURES.text());
        }
        refused(session, "AUTH", "mechanism=" + mechanism, SmtpReplies.AUTH_INVALID);
    }

    /**
     * The client's Base64 answer, decoded: {@code given} (an initial response), else the line it
     * sends after {@code challenge}. Empty after telling it why not ({@code *} cancels).
     */
    private Optional<String> answer(Session session, String challenge, String given) throws IOException,
            DropConnectionException {
        String line = given;
        if (line == null) {
            session.sendResponse(challenge);
            line = session.getReader().readLine();
        }
        if (line == null || line.strip().equals("*")) {
            reply(session, SmtpReplies.AUTH_CANCELLED);
            return Optional.empty();
        }
        if (line.strip().equals("=")) {
            return Optional.of(""); // RFC 4954 §4: an empty initial response
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(line.strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            reply(session, SmtpReplies.AUTH_UNDECODABLE);
            return Optional.empty();
        }
    }
}
