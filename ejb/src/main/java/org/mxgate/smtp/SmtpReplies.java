package org.mxgate.smtp;

/** The replies mxgate's SMTP side gives, each with its enhanced status code. */
public final class SmtpReplies {

    public static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok");
    public static final SmtpReply SENDER_OK = new SmtpReply(250, "2.1.0", "Ok");
    public static final SmtpReply RECIPIENT_OK = new SmtpReply(250, "2.1.5", "Ok");
    public static final SmtpReply BYE = new SmtpReply(221, "2.0.0", "Bye");
    public static final SmtpReply CANNOT_VRFY = new SmtpReply(252, "2.5.0",
            "Cannot VRFY user, but will accept message and attempt delivery");
    public static final SmtpReply START_DATA = new SmtpReply(354, "", "End data with <CR><LF>.<CR><LF>");

    public static final SmtpReply SYSTEM_ERROR = new SmtpReply(451, "4.3.0",
            "Error: queue file write error, try again later");
    public static final SmtpReply TOO_MANY_RECIPIENTS = new SmtpReply(452, "4.5.3", "Error: too many recipients");
    public static final SmtpReply OVER_QUOTA = new SmtpReply(452, "4.2.2",
            "Error: mail for this domain is over its storage quota, try again later");
    public static final SmtpReply GATEWAY_DISABLED = new SmtpReply(450, "4.7.1",
            "Error: mail for this domain is not accepted at the moment");

    public static final SmtpReply LINE_TOO_LONG = new SmtpReply(500, "5.5.2", "Error: line too long");
    public static final SmtpReply UNRECOGNISED = new SmtpReply(500, "5.5.2", "Error: command not recognized");
    public static final SmtpReply BAD_SENDER_SYNTAX = new SmtpReply(501, "5.1.7", "Bad sender address syntax");
    public static final SmtpReply BAD_RECIPIENT_SYNTAX = new SmtpReply(501, "5.1.3",
            "Bad recipient address syntax");
    public static final SmtpReply NOT_IMPLEMENTED = new SmtpReply(502, "5.5.1", "Error: command not implemented");
    public static final SmtpReply NEED_HELO = new SmtpReply(503, "5.5.1", "Error: send HELO/EHLO first");
    public static final SmtpReply NESTED_MAIL = new SmtpReply(503, "5.5.1", "Error: nested MAIL command");
    public static final SmtpReply NEED_MAIL = new SmtpReply(503, "5.5.1", "Error: need MAIL command");
    public static final SmtpReply NEED_RCPT = new SmtpReply(503, "5.5.1", "Error: need RCPT command");
    public static final SmtpReply TOO_BIG = new SmtpReply(552, "5.3.4", "Error: message file too big");
    public static final SmtpReply RELAY_DENIED = new SmtpReply(550, "5.7.1", "Error: relay access denied");
    public static final SmtpReply NO_LONGER_MX = new SmtpReply(550, "5.7.1",
            "Error: relay access denied (this server is no longer an MX host of the domain)");
    public static final SmtpReply LOOP = new SmtpReply(554, "5.4.6", "Error: too many hops (mail loop?)");
    public static final SmtpReply NUL_IN_DATA = new SmtpReply(554, "5.6.0",
            "Error: message contains NUL characters");
    public static final SmtpReply DATA_TIMEOUT = new SmtpReply(421, "4.4.2", "Error: timeout exceeded, closing");
    public static final SmtpReply UNKNOWN_PARAMETER = new SmtpReply(555, "5.5.4",
            "Error: unsupported MAIL FROM or RCPT TO parameter");

    private SmtpReplies() {
    }
}
