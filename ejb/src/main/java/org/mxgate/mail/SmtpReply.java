package org.mxgate.mail;

/** One SMTP reply: the code, the enhanced status code (RFC 3463) and the text. */
public record SmtpReply(int code, String status, String text) {

    /** The reply line as sent, without CRLF (a reply without an enhanced code, such as 354, has none). */
    @Override
    public String toString() {
        return status.isEmpty() ? code + " " + text : code + " " + status + " " + text;
    }
}
