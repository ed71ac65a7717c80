package org.mxgate.gateway;

import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Tells the {@link GatewayDirectory} when a gateway is written: when the change goes to the
 * database and again when its transaction ends, so that no session reading in between keeps
 * the state from before it.
 */
public class GatewayChanges {

    @Inject
    GatewayDirectory directory;

    @PostPersist
    @PostUpdate
    @PostRemove
    void written(Gateway gateway) {
        String domain = gateway.getDomain();
        directory.written(domain);
        TransactionSynchronizationRegistry transaction = registry();
        if (transaction != null && transaction.getTransactionKey() != null) {
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    directory.written(domain);
                }
            });
        }
    }

    private static TransactionSynchronizationRegistry registry() {
        try {
            return (TransactionSynchronizationRegistry) new InitialContext()
                    .lookup("java:comp/TransactionSynchronizationRegistry");
        } catch (NamingException e) {
            return null;
        }
    }
}
