package org.mxgate.web.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times and sizes as an operator reads them, for the pages: {@code #{show.when(t)}} is the
 * server's local time with its zone, {@code #{show.ago(t)}} "3 h ago", {@code #{show.size(n)}}
 * "12.3 KB".
 */
@Named
@ApplicationScoped
public class Show {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    @Inject
    Clock clock;

    /** Local time with its zone (times are kept in the server's zone). */
    public String when(LocalDateTime t) {
        return t == null ? "" : t.atZone(ZoneId.systemDefault()).format(WHEN);
    }

    /** How long ago, roughly: "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago"; "in 5 min" for a time to come. */
    public String ago(LocalDateTime t) {
        if (t == null) {
            return "";
        }
        Duration d = Duration.between(t, LocalDateTime.now(clock));
        return d.isNegative() ? "in " + span(d.negated()) : d.toSeconds() < 2 ? "just now" : span(d) + " ago";
    }

    /** An instant as {@link #whenAgo}. */
    public String instant(java.time.Instant t) {
        return t == null ? "" : whenAgo(LocalDateTime.ofInstant(t, ZoneId.systemDefault()));
    }

    /** Both: "3 h ago (2026-12-02 10:00:00 UTC)". */
    public String whenAgo(LocalDateTime t) {
        return t == null ? "" : ago(t) + " (" + when(t) + ")";
    }

    static String span(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 2 * 86400) {
            return s / 3600 + " h" + (s < 10 * 3600 && s % 3600 >= 60 ? " " + s % 3600 / 60 + " min" : "");
        }
        return s / 86400 + " d";
    }

    /** Bytes in B, KB, MB or GB (1 KB = 1024 bytes). */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** For EL, which calls instance methods. */
    public String bytes(long bytes) {
        return size(bytes);
    }
}
