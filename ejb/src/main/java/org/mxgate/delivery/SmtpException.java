package org.mxgate.delivery;

import java.io.IOException;

/** The next hop refused the session itself (greeting or HELO), with its reply. */
public final class SmtpException extends IOException {

    private final SmtpResponse response;

    public SmtpException(String stage, SmtpResponse response) {
        super(stage + ": " + response);
        this.response = response;
    }

    public SmtpResponse response() {
        return response;
    }
}
