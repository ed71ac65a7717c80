package org.mxgate.smtp.protocol;

/**
 * What one SMTP session knows beyond SubEthaSMTP's session: how the client greeted, and what it
 * is doing now, so that a stop can tell it {@code 421} at a moment when no reply of its own is
 * being written and no message is being stored.
 */
public final class SessionState {

    /** What the session's thread is doing. */
    enum Phase {
        /** waiting for the client's next command */
        IDLE,
        /** running a command */
        COMMAND,
        /** reading a message after 354: nothing promised yet */
        READING_DATA,
        /** storing a message: its 250 (or 451) must go out first */
        STORING
    }

    private Phase phase = Phase.IDLE;
    private boolean closed;

    private volatile String heloName;
    private volatile boolean extended;
    private volatile boolean sentMail;
    private volatile String authenticated;
    private int authFailures;
    private int errors;
    private final long startedNanos = System.nanoTime();
    private long dataSinceNanos;
    private final String client;
    private final boolean trusted;

    /** @param client the client's address; {@code trusted} when it is exempt from the limits */
    SessionState(String client, boolean trusted) {
        this.client = client;
        this.trusted = trusted;
    }

    String client() {
        return client;
    }

    /** Whether the client is in the trusted networks: no error limit. */
    boolean trusted() {
        return trusted;
    }

    /** Who the client logged in as by AUTH (a sender account's address or a gateway's domain), or null. */
    public String authenticated() {
        return authenticated;
    }

    void authenticated(String identity) {
        authenticated = identity;
    }

    /** Counts a failed AUTH; returns the failures so far. */
    synchronized int authFailed() {
        return ++authFailures;
    }

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

    /** Counts an error reply sent to the client; returns how many it has had. */
    synchronized int error() {
        return ++errors;
    }

    synchronized int errors() {
        return errors;
    }

    /** Starts a command; false when the session was closed by a stop (the command must not run). */
    boolean begin() {
        return enter(Phase.COMMAND);
    }

    /** The command is reading a message. */
    synchronized void readingData() {
        phase = Phase.READING_DATA;
        dataSinceNanos = System.nanoTime();
    }

    /** Whether the session has lasted longer than {@code session}, or its DATA longer than {@code data}. */
    synchronized boolean overdue(long nowNanos, java.time.Duration session, java.time.Duration data) {
        return nowNanos - startedNanos > session.toNanos()
                || phase == Phase.READING_DATA && nowNanos - dataSinceNanos > data.toNanos();
    }

    /** The message is read and will be stored; false when a stop closed the session meanwhile. */
    boolean storing() {
        return enter(Phase.STORING);
    }

    private synchronized boolean enter(Phase next) {
        if (closed) {
            return false;
        }
        phase = next;
        return true;
    }

    /** The command is done; the session waits for the next one. */
    synchronized void end() {
        phase = Phase.IDLE;
    }

    /**
     * Runs {@code close} (tell the client and close the connection) if the session is waiting for
     * a command or reading a message, or whatever it does when {@code force}; true if it ran.
     * Never while a command writes its reply or a message is being stored, unless forced.
     */
    synchronized boolean closeIfQuiet(boolean force, Runnable close) {
        if (closed) {
            return true;
        }
        if (force || phase == Phase.IDLE || phase == Phase.READING_DATA) {
            closed = true;
            close.run();
            return true;
        }
        return false;
    }
}
