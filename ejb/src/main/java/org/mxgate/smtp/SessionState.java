package org.mxgate.smtp;

/** What one SMTP session knows beyond SubEthaSMTP's session: how the client greeted. */
public final class SessionState {

    private volatile String heloName;
    private volatile boolean extended;

    public String heloName() {
        return heloName;
    }

    public boolean isExtended() {
        return extended;
    }

    public boolean hasGreeted() {
        return heloName != null;
    }

    public void greeted(String name, boolean extended) {
        this.heloName = name;
        this.extended = extended;
    }
}
