package org.mxgate.queue;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.mxgate.admin.ServiceException;
import org.mxgate.gateway.Gateway;
import org.mxgate.gateway.GatewayService;

/**
 * The queue's operator face for what concerns a gateway and its mail together: deleting a
 * gateway deals with its stored mail first (the gateway package knows nothing of the queue).
 */
@Stateless
public class QueueAdmin {

    @Inject
    QueueService queue;

    @Inject
    GatewayService gateways;

    /**
     * Deletes a gateway. One that still stores mail is kept ({@code 409}) unless {@code purge} is
     * set, in which case its stored mail is deleted with it.
     */
    public void deleteGateway(String domain, boolean purge) {
        Gateway gateway = gateways.get(domain);
        long stored = queue.countStored(gateway.getDomain());
        if (stored > 0 && !purge) {
            throw ServiceException.conflict(gateway.getDomain() + " still stores " + stored
                    + " message(s); deliver or delete them first, or delete with purge=true");
        }
        queue.deleteAll(gateway.getDomain());
        gateways.delete(gateway.getDomain(), stored);
    }

    /** Deletes an automatic gateway that was not confirmed in time, with all its mail; returns how many messages went. */
    public long deleteUnconfirmed(String domain) {
        long messages = queue.deleteAll(domain);
        gateways.removeUnconfirmed(domain);
        return messages;
    }
}
