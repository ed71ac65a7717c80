package org.mxgate.smtp.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.mxgate.mail.AuthenticationResults;
import org.mxgate.mail.Envelope;
import org.mxgate.mail.MessageBytes;
import org.mxgate.mail.ReceivedMessage;
import org.mxgate.mail.SmtpReplies;
import org.mxgate.mail.Verdict;
import org.mxgate.queue.QueueIds;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.server.Session;

/**
 * DATA: reads the message strictly, adds the trace header and replies 250 only once the
 * receiver has committed it. A failed commit is a 451: the client keeps the message.
 */
final class DataCommand extends SmtpCommand {

    private static final Logger LOG = Logger.getLogger(DataCommand.class.getName());

    DataCommand(Context context) {
        super(context, "DATA", "Following text is collected as the message. End with <CR><LF>.<CR><LF>");
    }

    @Override
    void run(String argument, Session session) throws IOException, DropConnectionException {
        if (!argument.isBlank()) {
            reply(session, SmtpReplies.syntax("DATA"));
            return;
        }
        if (!session.isMailTransactionInProgress()) {
            reply(session, SmtpReplies.NEED_MAIL);
            return;
        }
        if (session.getRecipientCount() == 0) {
            reply(session, SmtpReplies.NEED_RCPT);
            return;
        }
        reply(session, SmtpReplies.START_DATA);
        state(session).readingData();
        long deadline = System.nanoTime() + context.limits().dataTimeout().toNanos();
        MessageReader.Result read;
        try {
            read = new MessageReader(context.limits().maxMessageSize(), deadline, context.limits().spoolDir(),
                    transaction(session).room()::cover).read(session.getRawInput());
        } catch (SocketTimeoutException e) {
            session.resetMailTransaction();
            throw new DropConnectionException(SmtpReplies.DATA_TIMEOUT.code(),
                    SmtpReplies.DATA_TIMEOUT.status() + " " + SmtpReplies.DATA_TIMEOUT.text());
        } catch (EOFException e) {
            session.resetMailTransaction();
            session.quit();
            return;
        }
        MailTransaction tx = transaction(session);
        if (!read.accepted()) {
            session.resetMailTransaction();
            context.receiver().limited();
            refused(session, "DATA", "", read.refusal());
            return;
        }
        try {
            received(session, tx, read.content());
        } finally {
            read.content().discard(); // what was kept of it, the queue has by now
        }
    }

    private void received(Session session, MailTransaction tx, MessageBytes message) throws IOException,
            DropConnectionException {
        SessionState state = state(session);
        if (!state.storing()) {
            session.resetMailTransaction(); // the stop told the client 421: nothing is stored
            return;
        }
        long ended = System.nanoTime();
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        String id = QueueIds.next();
        String with = !state.isExtended() ? "SMTP" : session.isTLSStarted() ? "ESMTPS" : "ESMTP";
        byte[] header = ReceivedHeader.build(state.heloName(), client, context.limits().hostname(), with, id,
                tx.recipients().size() == 1 ? tx.recipients().get(0).toString() : null,
                ZonedDateTime.now());
        Envelope envelope = new Envelope(session.getSessionId(), client, state.heloName(), tx.sender(),
                tx.recipients(), tx.dsn());
        // RFC 8601 §5: a field claiming mxgate's own authserv-id was not written by mxgate
        MessageBytes cleaned = message.withoutHeaderFields(
                f -> AuthenticationResults.claims(f, context.limits().hostname()));
        Verdict verdict = context.receiver().data(envelope, new ReceivedMessage(cleaned));
        if (verdict.refuses()) {
            session.resetMailTransaction();
            refused(session, "DATA", "from=<" + envelope.senderText() + ">", verdict.reply());
            return;
        }
        if (verdict.headerFields().stream().anyMatch(DataCommand::isSubject)) {
            // a check rewrote the subject (the spam prefix): its field replaces the message's own
            cleaned = cleaned.withoutHeaderFields(DataCommand::isSubject);
        }
        // the checks' fields (Received-SPF, Authentication-Results) above the trace header, as
        // RFC 7208 §9.1 and RFC 8601 §5 ask
        byte[] added = verdict.headerFields().stream().map(f -> f + "\r\n").collect(Collectors.joining())
                .getBytes(StandardCharsets.UTF_8);
        byte[] prefix = java.util.Arrays.copyOf(added, added.length + header.length);
        System.arraycopy(header, 0, prefix, added.length, header.length);
        MessageBytes content = cleaned.withPrefix(prefix);
        boolean queued;
        try {
            queued = context.receiver().store(id, envelope, content, verdict);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "session=" + session.getSessionId() + " could not store message: " + e, e);
            session.resetMailTransaction();
            reply(session, SmtpReplies.SYSTEM_ERROR);
            return;
        }
        session.resetMailTransaction();
        // the reply first: under load the log's console handler is a lock every session waits for
        if (!queued) {
            try {
                reply(session, SmtpReplies.TAKEN_NOT_QUEUED);
            } finally {
                LOG.log(Level.INFO, "session={0} from=<{1}> nrcpt={2} client=[{3}] status=confirmed (nothing queued)",
                        new Object[] {session.getSessionId(), envelope.senderText(), envelope.recipients().size(),
                                client});
            }
            return;
        }
        try {
            reply(session, SmtpReplies.queued(id));
            context.receiver().replied(java.time.Duration.ofNanos(System.nanoTime() - ended));
        } finally {
            LOG.log(Level.INFO, "session={0} id={1} from=<{2}> nrcpt={3} size={4} client=[{5}] status={6}",
                    new Object[] {session.getSessionId(), id, envelope.senderText(), envelope.recipients().size(),
                            String.valueOf(content.size()), client, verdict.quarantine() == null ? "queued"
                                    : "quarantined (" + verdict.quarantine() + ")"});
        }
        if (state.firstMailStored()) {
            context.receiver().sentMail(client);
        }
    }

    private static boolean isSubject(String field) {
        return field.regionMatches(true, 0, "Subject:", 0, 8);
    }
}
