package org.mxgate.dequeue;

import java.util.List;
import java.util.Optional;

/** What a POP3 session needs from the queue: a login, a locked maildrop, and its commit. */
public interface Pop3Maildrop {

    /** One message as the session lists it; its bytes come with {@link Opened#content}. */
    record Message(String uid, long size) {
    }

    /** A maildrop locked for one session. */
    interface Opened {
        List<Message> messages();

        /** The message as the client gets it (envelope headers first), or empty if it is gone. */
        Optional<byte[]> content(String uid);

        /** The UPDATE state (RFC 1939 §6): the messages marked deleted are removed, the rest kept. */
        void commit(List<String> deleted);

        /** The session ended without QUIT: nothing is removed. */
        void abandon();
    }

    /**
     * Opens the maildrop of {@code user} (a gateway's domain) when the password is right and
     * {@code client} may collect; empty otherwise (the reason is logged, not told).
     */
    Optional<Opened> open(String user, String password, String client);
}
