package org.mxgate.queue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of the waiting mail (Postfix's {@code qshape}): per next hop, how many messages wait
 * in each age bucket, the oldest buckets on the right; busiest next hops first. A message's age is
 * counted from its arrival.
 */
public record QueueShape(List<Long> bucketMinutes, List<Row> rows, Row total) {

    /** The lower bound of each bucket, in minutes: 0, 5, 10, 20, ... 1280 (and older). */
    public static final List<Long> BUCKETS = List.of(0L, 5L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 1280L);

    /** One next hop: how many messages in all, and per bucket. */
    public record Row(String nextHop, long messages, List<Long> byAge) {
    }

    /** One waiting message: where it goes next, and when it arrived. */
    public record Waiting(String nextHop, LocalDateTime receivedAt) {
    }

    public static QueueShape of(List<Waiting> waiting, LocalDateTime now) {
        Map<String, long[]> counts = new HashMap<>();
        long[] all = new long[BUCKETS.size()];
        for (Waiting w : waiting) {
            int bucket = bucket(Duration.between(w.receivedAt(), now));
            counts.computeIfAbsent(w.nextHop(), h -> new long[BUCKETS.size()])[bucket]++;
            all[bucket]++;
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((hop, c) -> rows.add(row(hop, c)));
        rows.sort(Comparator.comparingLong(Row::messages).reversed().thenComparing(Row::nextHop));
        return new QueueShape(BUCKETS, List.copyOf(rows), row("TOTAL", all));
    }

    static int bucket(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        int b = 0;
        while (b + 1 < BUCKETS.size() && minutes >= BUCKETS.get(b + 1)) {
            b++;
        }
        return b;
    }

    private static Row row(String hop, long[] c) {
        List<Long> byAge = new ArrayList<>();
        long sum = 0;
        for (long n : c) {
            byAge.add(n);
            sum += n;
        }
        return new Row(hop, sum, List.copyOf(byAge));
    }
}
