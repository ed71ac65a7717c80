package org.mxgate.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mxgate.gateway.GatewayService;
import org.mxgate.queue.PrimaryHealth;
import org.mxgate.queue.QueueAdmin;
import org.mxgate.queue.QueueStatus;

/**
 * The gateways page ({@code /admin/}): search, sort and page through every gateway, with its
 * state at a glance. Built from two queries whatever the number of gateways (the gateways, and
 * the mail kept by gateway and state); the next hop's history is read for the rows shown only.
 * Search, sort and page are GET parameters ({@code q}, {@code sort}, {@code page}), so a view
 * can be bookmarked and a viewer, who may not post, can use them.
 */
@Named
@RequestScoped
public class GatewaysPage {

    static final int PAGE_SIZE = 50;

    /** One row: the gateway, its backlog, and (for the rows shown) its next hop's state. */
    public record Row(GatewayService.Summary gateway, long waiting, long backlogBytes, LocalDateTime oldestWaiting,
            long quarantined, PrimaryHealth health) {

        /** This row with its next hop's history, read for the rows shown only. */
        Row with(PrimaryHealth nextHop) {
            return new Row(gateway, waiting, backlogBytes, oldestWaiting, quarantined, nextHop);
        }

        public String automatic() {
            return gateway.autoState() == null ? "" : switch (gateway.autoState()) {
                case PENDING -> "automatic, pending confirmation";
                case CONFIRMED -> "automatic";
                case DELISTED -> "automatic, no longer named by its DNS";
            };
        }
    }

    @EJB
    GatewayService gateways;

    @EJB
    QueueAdmin queueAdmin;

    private String q;
    private String sort = "domain";
    private int page = 1;
    private List<Row> rows;
    private int matching;
    private int total;

    /** The rows of the page asked for. */
    public List<Row> getRows() {
        if (rows == null) {
            Map<String, Map<QueueStatus, QueueAdmin.Kept>> kept = queueAdmin.keptByGateway();
            List<GatewayService.Summary> all = gateways.summaries();
            total = all.size();
            String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
            List<Row> found = all.stream().filter(g -> needle.isEmpty() || g.domain().contains(needle)
                    || g.target() != null && g.target().toLowerCase(Locale.ROOT).contains(needle))
                    .map(g -> row(g, kept.getOrDefault(g.domain(), Map.of()))).sorted(order(sort)).toList();
            matching = found.size();
            int from = Math.min((Math.max(1, page) - 1) * PAGE_SIZE, Math.max(0, matching - 1) / PAGE_SIZE * PAGE_SIZE);
            rows = found.subList(from, Math.min(from + PAGE_SIZE, matching)).stream()
                    .map(r -> r.with(queueAdmin.health(r.gateway().domain()))).toList();
            page = from / PAGE_SIZE + 1;
        }
        return rows;
    }

    static Row row(GatewayService.Summary g, Map<QueueStatus, QueueAdmin.Kept> kept) {
        long waiting = 0;
        long bytes = 0;
        LocalDateTime oldest = null;
        for (QueueStatus s : List.of(QueueStatus.QUEUED, QueueStatus.DEFERRED, QueueStatus.ACTIVE)) {
            QueueAdmin.Kept k = kept.get(s);
            if (k != null) {
                waiting += k.messages();
                bytes += k.bytes();
                oldest = oldest == null || k.oldest() != null && k.oldest().isBefore(oldest) ? k.oldest() : oldest;
            }
        }
        QueueAdmin.Kept held = kept.get(QueueStatus.QUARANTINED);
        return new Row(g, waiting, bytes, oldest, held == null ? 0 : held.messages(), null);
    }

    /** By domain; or the largest backlog, the oldest waiting mail, the most quarantined first (then by domain). */
    static Comparator<Row> order(String sort) {
        Comparator<Row> byDomain = Comparator.comparing(r -> r.gateway().domain());
        return switch (sort == null ? "" : sort) {
            case "backlog" -> Comparator.comparingLong(Row::backlogBytes).reversed().thenComparing(byDomain);
            case "waiting" -> Comparator.comparingLong(Row::waiting).reversed().thenComparing(byDomain);
            case "oldest" -> Comparator.comparing(Row::oldestWaiting, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(byDomain);
            case "quarantine" -> Comparator.comparingLong(Row::quarantined).reversed().thenComparing(byDomain);
            default -> byDomain;
        };
    }

    public int getMatching() {
        getRows();
        return matching;
    }

    public int getTotal() {
        getRows();
        return total;
    }

    public int getPages() {
        getRows();
        return Math.max(1, (matching + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q == null || q.length() > 255 ? null : q;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = page;
    }
}
