package org.mxgate.smtp.protocol;

/** What one SMTP session knows beyond SubEthaSMTP's session: how the client greeted. */
public final class SessionState {

    private volatile String heloName;
    private volatile boolean extended;
    private volatile boolean sentMail;

    public String heloName() {
        return heloName;
    }

    public boolean isExtended() {
        return extended;
    }

    public boolean hasGreeted() {
        return heloName != null;
    }

    /** Whether this is the session's first stored message (true once). */
    public boolean firstMailStored() {
        boolean first = !sentMail;
        sentMail = true;
        return first;
    }

    public void greeted(String name, boolean extended) {
        this.heloName = name;
        this.extended = extended;
    }
}
