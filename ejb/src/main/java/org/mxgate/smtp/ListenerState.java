package org.mxgate.smtp;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the SMTP listener is up: set once {@link SmtpListener} has started (so the storage and
 * the queue runner it depends on have too), cleared when it stops. A plain bean, so that a health
 * probe arriving while the application is still starting can ask it without calling (and thereby
 * initialising, concurrently with the deployment) a singleton session bean.
 */
@ApplicationScoped
public class ListenerState {

    private volatile boolean listening;

    void set(boolean listening) {
        this.listening = listening;
    }

    public boolean listening() {
        return listening;
    }
}
