package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import org.mxgate.admin.AuditEvent;
import org.mxgate.admin.AuditLog;

/** The audit log ({@code /admin/audit.xhtml?domain=&max=}): newest first, of one domain or all. */
@Named
@RequestScoped
public class AuditPage {

    @EJB
    AuditLog audit;

    private String domain;
    private int max = 200;
    private List<AuditEvent> entries;

    public List<AuditEvent> getEntries() {
        if (entries == null) {
            entries = audit.latest(domain == null || domain.isBlank() ? null : domain.strip().toLowerCase(Locale.ROOT),
                    Math.max(1, Math.min(max, 5000)));
        }
        return entries;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain == null || domain.length() > 255 ? null : domain;
    }

    public int getMax() {
        return max;
    }

    public void setMax(int max) {
        this.max = max;
    }
}
