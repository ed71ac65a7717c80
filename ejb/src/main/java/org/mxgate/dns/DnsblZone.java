package org.mxgate.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A DNS block list mxgate asks about each connecting client, and what a listing does: refuse the
 * connection, or only record it in the log.
 */
public record DnsblZone(String zone, boolean reject) {

    /**
     * The zones of a setting such as {@code zen.spamhaus.org, bl.example.net=record}: each zone
     * with {@code =reject} (the default) or {@code =record}; empty when it cannot be read.
     */
    public static Optional<List<DnsblZone>> parseList(String text) {
        List<DnsblZone> zones = new ArrayList<>();
        for (String entry : text == null ? new String[0] : text.split("[,\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            String zone = parts[0].strip().toLowerCase(Locale.ROOT);
            zone = zone.endsWith(".") ? zone.substring(0, zone.length() - 1) : zone;
            String action = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "reject";
            if (!zone.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
                    || !(action.equals("reject") || action.equals("record"))) {
                return Optional.empty();
            }
            zones.add(new DnsblZone(zone, action.equals("reject")));
        }
        return Optional.of(List.copyOf(zones));
    }
}
