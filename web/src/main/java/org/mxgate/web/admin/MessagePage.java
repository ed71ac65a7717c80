package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.mxgate.admin.ServiceException;
import org.mxgate.queue.DeliveryAttempt;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueStatus;
import org.mxgate.queue.QueuedMessage;
import org.mxgate.web.api.QueueActions;

/**
 * One message ({@code /admin/message.xhtml?id=}): envelope, recipients with their last reply,
 * the delivery history, the header of the stored message (while it is stored); retry, delete,
 * and for a quarantined one release (after a re-scan, if asked).
 */
@Named
@ViewScoped
public class MessagePage implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The most of the header shown. */
    static final int HEADER_LIMIT = 32 * 1024;

    @EJB
    QueueAdmin queueAdmin;


    @Inject
    QueueActions actions;

    private String id;
    private QueuedMessage message;
    private List<DeliveryAttempt> history = List.of();
    private String header;
    private boolean deleted;

    public void load() {
        if (deleted) {
            return;
        }
        try {
            message = queueAdmin.get(id);
            history = queueAdmin.attempts(id);
            header = queueAdmin.content(id).map(MessagePage::header).orElse(null);
        } catch (ServiceException e) {
            MailPage.message(e.getMessage());
            message = null;
        }
    }

    /** The header of a stored message: up to the first empty line, at most {@value #HEADER_LIMIT} bytes. */
    static String header(byte[] content) {
        int end = Math.min(content.length, HEADER_LIMIT);
        for (int i = 0; i + 3 < end; i++) {
            if (content[i] == '\r' && content[i + 1] == '\n' && content[i + 2] == '\r' && content[i + 3] == '\n') {
                end = i;
                break;
            }
        }
        return new String(content, 0, end, StandardCharsets.UTF_8);
    }

    public String retry() {
        try {
            actions.retry(id);
            MailPage.message("Due now; a queue run has started.");
        } catch (ServiceException e) {
            MailPage.message(e.getMessage());
        }
        load();
        return null;
    }

    public String delete() {
        try {
            String domain = queueAdmin.get(id).getGatewayDomain();
            queueAdmin.delete(id);
            return "mail?faces-redirect=true&domain=" + domain;
        } catch (ServiceException e) {
            MailPage.message(e.getMessage());
            load();
            return null;
        }
    }

    public String release(boolean rescan) {
        try {
            actions.release(id, rescan);
            MailPage.message("Released: it is delivered as the gateway's other mail.");
        } catch (ServiceException e) {
            MailPage.message(e.getMessage());
        }
        load();
        return null;
    }

    public boolean isRetriable() {
        return message != null && (message.getStatus() == QueueStatus.QUEUED || message.getStatus() == QueueStatus.DEFERRED);
    }

    public boolean isQuarantined() {
        return message != null && message.getStatus() == QueueStatus.QUARANTINED;
    }

    public QueuedMessage getMessage() {
        return message;
    }

    public List<DeliveryAttempt> getHistory() {
        return history;
    }

    public String getHeader() {
        return header;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id == null || id.length() > 64 ? null : id;
    }
}
