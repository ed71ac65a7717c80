package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.mxgate.admin.ServiceException;
import org.mxgate.web.api.QueueActions;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueStatus;
import org.mxgate.queue.QueuedMessage;

/**
 * A gateway's mail ({@code /admin/mail.xhtml?domain=&page=}): every message it keeps or kept,
 * {@value #PAGE_SIZE} a page, with status, recipients, attempts, next attempt and last reply; an
 * admin retries or deletes one, or flushes them all.
 */
@Named
@ViewScoped
public class MailPage implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 50;

    @EJB
    QueueAdmin queueAdmin;

    @jakarta.inject.Inject
    QueueActions actions;

    private String domain;
    private int page = 1;
    private List<QueuedMessage> messages;
    private Map<QueueStatus, Long> counts = Map.of();

    public void load() {
        try {
            counts = queueAdmin.countsOf(domain);
            messages = queueAdmin.listByGateway(domain, (Math.max(1, page) - 1) * PAGE_SIZE, PAGE_SIZE);
        } catch (ServiceException e) {
            message(e.getMessage());
            messages = List.of();
        }
    }

    public String retry(String id) {
        try {
            actions.retry(id);
            message("Message " + id + " is due now; a queue run has started.");
        } catch (ServiceException e) {
            message(e.getMessage());
        }
        load();
        return null;
    }

    public String delete(String id) {
        try {
            queueAdmin.delete(id);
            message("Message " + id + " deleted.");
        } catch (ServiceException e) {
            message(e.getMessage());
        }
        load();
        return null;
    }

    public String flush() {
        try {
            int due = actions.flush(domain);
            message(due + " message(s) due now; a queue run has started.");
        } catch (ServiceException e) {
            message(e.getMessage());
        }
        load();
        return null;
    }

    /** Whether {@code m} can be retried now: it waits (queued or deferred). */
    public boolean retriable(QueuedMessage m) {
        return m.getStatus() == QueueStatus.QUEUED || m.getStatus() == QueueStatus.DEFERRED;
    }

    static void message(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(text));
    }

    public long getTotal() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public int getPages() {
        return (int) Math.max(1, (getTotal() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    public List<QueuedMessage> getMessages() {
        return messages;
    }

    public Map<QueueStatus, Long> getCounts() {
        return counts;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = Math.max(1, page);
    }
}
