package org.mxgate.mail;

/**
 * Every SMTP reply mxgate gives, on the SMTP port and on the on-demand mail relay port alike, each
 * with its enhanced status code (RFC 3463): one situation, one code and text everywhere. Replies
 * that name something (a node, a domain, a host) are made by the methods at the end.
 */
public final class SmtpReplies {

    // success
    public static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok");
    public static final SmtpReply SENDER_OK = new SmtpReply(250, "2.1.0", "Ok");
    public static final SmtpReply RECIPIENT_OK = new SmtpReply(250, "2.1.5", "Ok");
    public static final SmtpReply BYE = new SmtpReply(221, "2.0.0", "Bye");
    public static final SmtpReply CANNOT_VRFY = new SmtpReply(252, "2.5.0",
            "Cannot VRFY user, but will accept message and attempt delivery");
    public static final SmtpReply START_DATA = new SmtpReply(354, "", "End data with <CR><LF>.<CR><LF>");
    public static final SmtpReply READY_FOR_TLS = new SmtpReply(220, "2.0.0", "Ready to start TLS");
    public static final SmtpReply AUTH_OK = new SmtpReply(235, "2.7.0", "Authentication successful");
    public static final SmtpReply TAKEN_NOT_QUEUED = new SmtpReply(250, "2.0.0",
            "Ok: confirmation taken, nothing queued");
    public static final SmtpReply TURNING = new SmtpReply(250, "2.0.0", "OK now reversing the connection");

    // temporary failures
    public static final SmtpReply SYSTEM_ERROR = new SmtpReply(451, "4.3.0",
            "Error: queue file write error, try again later");
    public static final SmtpReply TOO_MANY_RECIPIENTS = new SmtpReply(452, "4.5.3", "Error: too many recipients");
    /** While the store's file system is short of space (RFC 1870 §6.1, RFC 3463 4.3.1). */
    public static final SmtpReply INSUFFICIENT_STORAGE = new SmtpReply(452, "4.3.1",
            "Insufficient system storage, try again later");
    public static final SmtpReply OVER_QUOTA = new SmtpReply(452, "4.2.2",
            "Error: mail for this domain is over its storage quota, try again later");
    public static final SmtpReply GATEWAY_DISABLED = new SmtpReply(450, "4.7.1",
            "Error: mail for this domain is not accepted at the moment");
    public static final SmtpReply DNS_TRY_AGAIN = new SmtpReply(451, "4.4.3",
            "Error: cannot check the DNS of this domain now, try again later");
    public static final SmtpReply TOO_MANY_NEW_DOMAINS = new SmtpReply(450, "4.7.1",
            "Error: too many new domains from your address, try again later");
    /** To every open session when mxgate stops (RFC 3463 4.3.2: system not accepting messages). */
    public static final SmtpReply SHUTTING_DOWN = new SmtpReply(421, "4.3.2", "Service shutting down, try again later");
    public static final SmtpReply DATA_TIMEOUT = new SmtpReply(421, "4.4.2", "Error: timeout exceeded, closing");

    /** The session lasted longer than a session (or its DATA) may; it is closed. */
    public static final SmtpReply SESSION_TIME_LIMIT = new SmtpReply(421, "4.4.2",
            "Error: session time limit exceeded, closing");

    /** One client address holds as many sessions as it may (RFC 3463 4.7.0: a policy status). */
    public static final SmtpReply TOO_MANY_SESSIONS = new SmtpReply(421, "4.7.0",
            "Too many connections from your address, try again later");

    /** One client address opened more sessions in the last minute than it may (RFC 3463 4.7.0). */
    public static final SmtpReply CONNECTION_RATE = new SmtpReply(421, "4.7.0",
            "Too many connections from your address in the last minute, try again later");

    /** One client address sent more recipients in the last minute than it may (Postfix's wording). */
    public static final SmtpReply RECIPIENT_RATE = new SmtpReply(450, "4.7.1",
            "Error: too many recipients from your address, try again later");

    /** The sender's domain says by SPF that this client may not send for it (RFC 7372: 5.7.23). */
    public static SmtpReply spfFail(String explanation) {
        return new SmtpReply(550, "5.7.23", "SPF validation failed" + (explanation == null || explanation.isBlank()
                ? "" : ": " + explanation.replaceAll("[\\r\\n]", " ")));
    }

    /** The client is on a DNS block list mxgate refuses by (Postfix's wording); the connection is closed. */
    public static SmtpReply blockListed(String client, String zone) {
        return new SmtpReply(554, "5.7.1", "Service unavailable; client host [" + client + "] blocked using " + zone);
    }

    /** clamd found a virus: refused for good, naming the signature and the rule. */
    public static SmtpReply virusFound(String signature) {
        return new SmtpReply(554, "5.7.1", "Error: message refused, virus found: " + printable(signature)
                + " (rule antivirus)");
    }

    /** spamd's score is at or over the gateway's refuse score. */
    public static SmtpReply spamRefused(double score, double refuseScore) {
        return new SmtpReply(550, "5.7.1", String.format(java.util.Locale.ROOT,
                "Error: message refused as spam, score %.1f of %.1f (rule antispam)", score, refuseScore));
    }

    /** An attachment of a refused file name extension or MIME type; {@code rule} names the list. */
    public static SmtpReply attachmentRefused(String what, String rule) {
        return new SmtpReply(554, "5.7.1", "Error: message refused, " + printable(what) + " is not accepted (rule "
                + rule + ")");
    }

    /** The gateway's rule {@code rule} refuses this {@code what} (sender or recipient) at RCPT. */
    public static SmtpReply refusedByRule(String what, String rule) {
        return new SmtpReply(550, "5.7.1", "Error: " + what + " refused by this domain's policy (rule " + rule + ")");
    }

    /** A header rule of the gateway refuses the message; {@code field} names the rule. */
    public static SmtpReply refusedByHeaderRule(String field) {
        return new SmtpReply(554, "5.7.1", "Error: message refused by this domain's policy (rule header " + printable(field) + ")");
    }

    /** The message is over its gateway's own size limit (below the server's). */
    public static SmtpReply tooBigForGateway(long limit) {
        return new SmtpReply(552, "5.3.4", "Error: message too big for this domain, limit " + limit
                + " octets (rule maxMessageSize)");
    }

    /** A scanner could not answer and the gateway does not take mail unscanned: the sender retries. */
    public static SmtpReply notScanned() {
        return new SmtpReply(451, "4.7.1", "Error: message could not be scanned, try again later");
    }

    private static String printable(String s) {
        String cut = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The session had too many error replies (RFC 3463 4.7.0: a security or policy status); it is closed. */
    public static SmtpReply tooManyErrors(String hostname) {
        return new SmtpReply(421, "4.7.0", hostname + " Too many errors, closing the connection");
    }
    public static final SmtpReply ETRN_FAILED = new SmtpReply(458, "4.3.0",
            "Unable to queue messages, try again later");
    public static final SmtpReply ATRN_FAILED = new SmtpReply(451, "4.3.0", "Unable to process ATRN request now");
    public static final SmtpReply NO_MAIL = new SmtpReply(453, "4.3.0", "You have no mail");
    public static final SmtpReply ACCESS_DENIED = new SmtpReply(450, "4.7.1", "Access denied to you");
    public static final SmtpReply TOO_MANY_AUTH_FAILURES = new SmtpReply(421, "4.7.0",
            "Too many failed authentications, closing");

    // permanent failures: syntax and sequence
    public static final SmtpReply LINE_TOO_LONG = new SmtpReply(500, "5.5.2", "Error: line too long");
    public static final SmtpReply UNRECOGNISED = new SmtpReply(500, "5.5.2", "Error: command not recognized");
    public static final SmtpReply BAD_SENDER_SYNTAX = new SmtpReply(501, "5.1.7", "Bad sender address syntax");
    public static final SmtpReply BAD_RECIPIENT_SYNTAX = new SmtpReply(501, "5.1.3",
            "Bad recipient address syntax");
    public static final SmtpReply STARTTLS_SYNTAX = new SmtpReply(501, "5.5.4", "Syntax: STARTTLS");
    public static final SmtpReply ETRN_SYNTAX = new SmtpReply(501, "5.5.4",
            "Syntax: ETRN domain, ETRN @domain or ETRN #queue");
    public static final SmtpReply ATRN_SYNTAX = new SmtpReply(501, "5.5.4", "Syntax: ATRN [domain[,domain]...]");
    public static final SmtpReply AUTH_CANCELLED = new SmtpReply(501, "5.0.0", "Authentication cancelled");
    public static final SmtpReply AUTH_UNDECODABLE = new SmtpReply(501, "5.5.2",
            "Cannot decode the authentication answer");
    public static final SmtpReply NOT_IMPLEMENTED = new SmtpReply(502, "5.5.1", "Error: command not implemented");
    public static final SmtpReply NEED_HELO = new SmtpReply(503, "5.5.1", "Error: send HELO/EHLO first");
    public static final SmtpReply NEED_EHLO = new SmtpReply(503, "5.5.1", "Error: send EHLO first");
    public static final SmtpReply NESTED_MAIL = new SmtpReply(503, "5.5.1", "Error: nested MAIL command");
    public static final SmtpReply NEED_MAIL = new SmtpReply(503, "5.5.1", "Error: need MAIL command");
    public static final SmtpReply NEED_RCPT = new SmtpReply(503, "5.5.1", "Error: need RCPT command");
    public static final SmtpReply TLS_ALREADY_ON = new SmtpReply(503, "5.5.1", "Error: TLS is already on");
    public static final SmtpReply STARTTLS_IN_TRANSACTION = new SmtpReply(503, "5.5.1",
            "Error: STARTTLS is not allowed inside a mail transaction");
    public static final SmtpReply ETRN_IN_TRANSACTION = new SmtpReply(503, "5.5.1",
            "Error: ETRN is not allowed inside a mail transaction");
    /** RFC 4954 §4: AUTH is not permitted during a mail transaction. */
    public static final SmtpReply AUTH_IN_TRANSACTION = new SmtpReply(503, "5.5.1",
            "Error: AUTH not permitted during a mail transaction");
    public static final SmtpReply ALREADY_AUTHENTICATED = new SmtpReply(503, "5.5.1", "Error: already authenticated");
    public static final SmtpReply UNKNOWN_AUTH_TYPE = new SmtpReply(504, "5.5.4", "Unrecognized authentication type");
    public static final SmtpReply UNKNOWN_PARAMETER = new SmtpReply(555, "5.5.4",
            "Error: unsupported MAIL FROM or RCPT TO parameter");

    // permanent failures: policy and content
    public static final SmtpReply AUTH_REQUIRED = new SmtpReply(530, "5.7.0", "Authentication required");
    public static final SmtpReply AUTH_INVALID = new SmtpReply(535, "5.7.8", "Authentication credentials invalid");
    public static final SmtpReply ENCRYPTION_REQUIRED = new SmtpReply(538, "5.7.11",
            "Encryption required for requested authentication mechanism");
    public static final SmtpReply TOO_BIG = new SmtpReply(552, "5.3.4", "Error: message file too big");
    public static final SmtpReply RELAY_DENIED = new SmtpReply(550, "5.7.1", "Error: relay access denied");
    /** Recipient verification found no such user (RFC 3463 5.1.1). */
    public static final SmtpReply USER_UNKNOWN = new SmtpReply(550, "5.1.1",
            "Error: recipient address rejected: user unknown");
    /** Recipient verification could not ask its directory or next hop (RFC 3463 4.4.3: directory server failure). */
    public static final SmtpReply CANNOT_VERIFY = new SmtpReply(451, "4.4.3",
            "Error: cannot verify the recipient address now, try again later");
    public static final SmtpReply NO_LONGER_MX = new SmtpReply(550, "5.7.1",
            "Error: relay access denied (this server is no longer an MX host of the domain)");
    public static final SmtpReply NO_SUCH_CONFIRMATION = new SmtpReply(550, "5.1.1",
            "Error: no gateway is waiting for this confirmation");
    public static final SmtpReply LOOP = new SmtpReply(554, "5.4.6", "Error: too many hops (mail loop?)");
    /** The client sent before the greeting (RFC 5321 §4.3.1: the client waits for it); the connection is closed. */
    public static final SmtpReply TALKED_FIRST = new SmtpReply(554, "5.5.1",
            "Error: protocol error, you talked before the greeting");
    public static final SmtpReply NUL_IN_DATA = new SmtpReply(554, "5.6.0",
            "Error: message contains NUL characters");

    private SmtpReplies() {
    }

    /** {@code 501} with the command's syntax, e.g. {@code syntax("RCPT TO:<address>")}. */
    public static SmtpReply syntax(String usage) {
        return new SmtpReply(501, "5.5.4", "Syntax: " + usage);
    }

    /** {@code 501} for a parameter whose value is wrong ({@code hint}: what it may be, or null). */
    public static SmtpReply badParameter(String name, String hint) {
        return new SmtpReply(501, "5.5.4", "Bad " + name + " parameter" + (hint == null ? "" : " (" + hint + ")"));
    }

    /** {@code 501} for a parameter given twice. */
    public static SmtpReply duplicateParameter(String name) {
        return new SmtpReply(501, "5.5.4", "Duplicate " + name + " parameter");
    }

    /** {@code 250} to DATA: the message is stored under {@code queueId}. */
    public static SmtpReply queued(String queueId) {
        return new SmtpReply(250, "2.0.0", "Ok: queued as " + queueId);
    }

    /** {@code 421} to a connection past a listener's session limit. */
    public static SmtpReply tooManySessions(String what) {
        return new SmtpReply(421, "4.7.0", "Too many " + what + " sessions, try again later");
    }

    /** {@code 502} for a verb a listener does not take at all ({@code where}: "on the ... port"). */
    public static SmtpReply notOffered(String verb, String where) {
        return new SmtpReply(502, "5.5.1", "Error: " + verb + " is not offered " + where);
    }

    /** {@code 221} naming this host. */
    public static SmtpReply closing(String hostname) {
        return new SmtpReply(221, "2.0.0", hostname + " closing connection");
    }

    // ETRN (RFC 1985) and ATRN (RFC 2645), naming the node or domain asked for

    public static SmtpReply etrnNeedsAuth(String node) {
        return new SmtpReply(530, "5.7.0", "Authentication required: log in (AUTH) with the gateway's credentials to dequeue node " + node);
    }

    public static SmtpReply etrnNodeNotAllowed(String node) {
        return new SmtpReply(459, "4.7.1", "<" + node + ">: node not allowed");
    }

    public static SmtpReply etrnGatewayDisabled(String node) {
        return new SmtpReply(458, "4.7.0", "Unable to queue messages for node " + node + " (its gateway is disabled)");
    }

    public static SmtpReply etrnUnderWay(String node) {
        return new SmtpReply(250, "2.0.0", "OK, queuing for node " + node + " started");
    }

    public static SmtpReply etrnNothingWaiting(String node) {
        return new SmtpReply(251, "2.0.0", "OK, no messages waiting for node " + node);
    }

    public static SmtpReply etrnStarted(int messages, String node) {
        return new SmtpReply(253, "2.0.0", "OK, " + messages + " pending messages for node " + node + " started");
    }

    public static SmtpReply atrnGatewayDisabled(String domain) {
        return new SmtpReply(451, "4.3.2", "Unable to process ATRN request now: the gateway of " + domain
                + " is disabled");
    }
}
