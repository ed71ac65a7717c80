package org.mxgate.smtp.protocol;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mxgate.mail.Dsn;
import org.mxgate.mail.MailboxParser;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/** RCPT TO: adds a recipient the receiver accepts; everything else is refused with its reason. */
final class RcptCommand extends SmtpCommand {

    private static final Pattern POSTMASTER = Pattern.compile("\\s*<postmaster>((?: [\\x20-\\x7e]*)?)",
            Pattern.CASE_INSENSITIVE);

    RcptCommand(Context context) {
        super(context, "RCPT", "RCPT TO:<recipient> [NOTIFY=NEVER|SUCCESS,FAILURE,DELAY] [ORCPT=rfc822;address]");
    }

    @Override
    void run(String argument, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            reply(session, SmtpReplies.NEED_MAIL);
            return;
        }
        if (!argument.regionMatches(true, 0, " TO:", 0, 4)) {
            reply(session, SmtpReplies.syntax("RCPT TO:<address>"));
            return;
        }
        String text = argument.substring(4);
        Matcher postmaster = POSTMASTER.matcher(text);
        // RFC 5321 §4.5.1: <postmaster> without a domain is always taken, for mxgate's operator
        Optional<MailboxParser.Path> path = postmaster.matches()
                ? Optional.of(new MailboxParser.Path(context.limits().postmaster(), postmaster.group(1).strip()))
                : MailboxParser.parsePath(text, false);
        if (path.isEmpty()) {
            refused(session, "RCPT", "to=" + text.strip(), SmtpReplies.BAD_RECIPIENT_SYNTAX);
            return;
        }
        Dsn.Recipient dsn;
        try {
            dsn = dsnParameters(path.get().parameters());
        } catch (IllegalArgumentException e) {
            session.sendResponse(e.getMessage());
            return;
        }
        MailTransaction tx = transaction(session);
        if (tx.hasRecipient(path.get().address())) {
            reply(session, SmtpReplies.RECIPIENT_OK);
            return;
        }
        if (tx.recipients().size() >= context.limits().maxRecipients()) {
            context.receiver().limited();
            reply(session, SmtpReplies.TOO_MANY_RECIPIENTS);
            return;
        }
        Optional<org.mxgate.mail.SmtpReply> tooFast = context.sessions().recipientRefusal(context.sessions().of(session));
        if (tooFast.isPresent()) {
            context.receiver().limited();
            refused(session, "RCPT", "to=" + text.strip(), tooFast.get());
            return;
        }
        Verdict verdict = context.receiver().recipient(session.getRemoteAddress().getAddress().getHostAddress(),
                tx.sender(), path.get().address(), state(session).authenticated());
        if (verdict.refuses()) {
            refused(session, "RCPT", "to=" + text.strip(), verdict.reply());
            return;
        }
        tx.addRecipient(path.get().address(), dsn);
        session.addRecipient(path.get().address().toString());
        reply(session, SmtpReplies.RECIPIENT_OK);
    }

    /**
     * The DSN parameters NOTIFY and ORCPT (RFC 3461), the only ones RCPT takes.
     *
     * @throws IllegalArgumentException with the reply refusing them
     */
    private static Dsn.Recipient dsnParameters(String parameters) {
        String notify = null;
        String orcpt = null;
        for (Parameter p : parameters(parameters)) {
            String key = p.key();
            String value = p.value();
            if (key.equals("NOTIFY") && notify == null) {
                notify = Dsn.notify(value).orElseThrow(() -> new IllegalArgumentException(
                        SmtpReplies.badParameter("NOTIFY", "NEVER, or SUCCESS,FAILURE,DELAY").toString()));
            } else if (key.equals("ORCPT") && orcpt == null) {
                orcpt = Dsn.orcpt(value).orElseThrow(() -> new IllegalArgumentException(
                        SmtpReplies.badParameter("ORCPT", null).toString()));
            } else if (key.equals("NOTIFY") || key.equals("ORCPT")) {
                throw new IllegalArgumentException(SmtpReplies.duplicateParameter(key).toString());
            } else {
                throw new IllegalArgumentException(SmtpReplies.UNKNOWN_PARAMETER.toString());
            }
        }
        return notify == null && orcpt == null ? Dsn.Recipient.NONE : new Dsn.Recipient(notify, orcpt);
    }

}
