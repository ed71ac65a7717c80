package org.mxgate.delivery;

import java.util.List;

/** A reply from the next hop: its code and its lines (text after the code). */
public record SmtpResponse(int code, List<String> lines) {

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** The reply in one line, as logged and recorded: {@code 250 2.0.0 Ok}. */
    @Override
    public String toString() {
        return code + " " + String.join(" ", lines);
    }
}
