package org.mxgate.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mxgate.admin.ServiceException;

/**
 * When a gateway's next hop may be reached: delivery windows (days and times in the gateway's
 * time zone, e.g. {@code Mon-Fri 18:00-07:00; Sat,Sun 00:00-24:00}; a window that ends before it
 * starts runs past midnight into the next day) and/or an interval ({@code 4h}: the mail goes at
 * most once per interval, in an opening of {@link #OPENING} from the first queue run that finds
 * it due). Outside, the gateway's mail waits; a flush or a domain server's ETRN still sends it.
 * No windows and no interval: always. Immutable; {@link #with} checks a change.
 */
@Embeddable
public class DeliverySchedule {

    /** How long an interval's opening lasts: long enough for one queue run to deliver all it can. */
    public static final Duration OPENING = Duration.ofMinutes(10);

    private static final Pattern WINDOW = Pattern.compile(
            "(?i)\\s*(daily|[a-z]{3}(?:\\s*-\\s*[a-z]{3})?(?:\\s*,\\s*[a-z]{3}(?:\\s*-\\s*[a-z]{3})?)*)"
                    + "\\s+(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})\\s*");

    /** The windows as given, normalised (entries separated by "; "), or null: any time. */
    @Column(length = 500)
    private String scheduleWindows;

    /** The time zone the windows are in (a region id such as Europe/Berlin), or null: UTC. */
    @Column(length = 64)
    private String scheduleZone;

    /** The interval, ISO-8601, or null: at every queue run. */
    @Column(length = 32)
    private String scheduleInterval;

    protected DeliverySchedule() {
    }

    private DeliverySchedule(String windows, String zone, String interval) {
        this.scheduleWindows = windows;
        this.scheduleZone = zone;
        this.scheduleInterval = interval;
    }

    /** Any time, at every queue run. */
    public static DeliverySchedule always() {
        return new DeliverySchedule(null, null, null);
    }

    DeliverySchedule copy() {
        return new DeliverySchedule(scheduleWindows, scheduleZone, scheduleInterval);
    }

    /** This schedule with the fields {@code spec} gives (left out: kept; blank: removed), each checked. */
    DeliverySchedule with(ScheduleSpec spec) {
        if (spec == null) {
            return this;
        }
        String windows = spec.windows() == null ? scheduleWindows : spec.windows().isBlank() ? null
                : String.join("; ", parse(spec.windows()).stream().map(Window::toString).toList());
        String zone = spec.timeZone() == null ? scheduleZone : spec.timeZone().isBlank() ? null : zone(spec.timeZone());
        String interval = scheduleInterval;
        if (spec.interval() != null) {
            interval = spec.interval().isBlank() ? null : SettingDurations.within("schedule.interval",
                    spec.interval().replaceFirst("(?i)^\\s*every\\s+", "").replace(" ", ""),
                    OPENING.plusSeconds(1), Duration.ofDays(7),
                    "the interval must be longer than " + OPENING.toMinutes() + " minutes and at most 7 days");
        }
        return new DeliverySchedule(windows, zone, interval);
    }

    private static String zone(String text) {
        try {
            return ZoneId.of(text.strip()).getId();
        } catch (DateTimeException e) {
            throw ServiceException.invalid("schedule.timeZone", "'" + text + "' is not a time zone (e.g. Europe/Berlin, UTC)");
        }
    }

    public boolean isAlways() {
        return scheduleWindows == null && scheduleInterval == null;
    }

    public String windows() {
        return scheduleWindows;
    }

    public String timeZone() {
        return scheduleZone == null ? "UTC" : scheduleZone;
    }

    /** The interval, ISO-8601, or null. */
    public String interval() {
        return scheduleInterval;
    }

    /** What the schedule says at a moment: closed, open, or open and an interval's opening begins. */
    public enum State { CLOSED, OPEN, OPENS }

    /**
     * Whether the mail may go at {@code now}, given when the last interval opening began
     * ({@code openedAt}, null if never).
     */
    public State at(Instant now, Instant openedAt) {
        if (scheduleWindows != null && !inWindow(now.atZone(ZoneId.of(timeZone())))) {
            return State.CLOSED;
        }
        if (scheduleInterval == null) {
            return State.OPEN;
        }
        if (openedAt != null && now.isBefore(openedAt.plus(OPENING)) && !now.isBefore(openedAt)) {
            return State.OPEN;
        }
        return openedAt == null || !now.isBefore(openedAt.plus(Duration.parse(scheduleInterval)))
                ? State.OPENS : State.CLOSED;
    }

    private boolean inWindow(ZonedDateTime at) {
        return parse(scheduleWindows).stream().anyMatch(w -> w.contains(at));
    }

    /** One window: on these days, from a time to a time (the next day when it ends before it starts). */
    record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to, boolean toMidnight) {

        boolean contains(ZonedDateTime at) {
            LocalTime t = at.toLocalTime();
            DayOfWeek day = at.getDayOfWeek();
            boolean overnight = !toMidnight && !to.isAfter(from);
            if (days.contains(day) && !t.isBefore(from) && (toMidnight || overnight || t.isBefore(to))) {
                return true;
            }
            // the part after midnight of an overnight window that began the day before
            return overnight && days.contains(day.minus(1)) && t.isBefore(to);
        }

        @Override
        public String toString() {
            String d = days.size() == 7 ? "daily" : String.join(",", ranges());
            return d + " " + from + "-" + (toMidnight ? "24:00" : to.toString());
        }

        private List<String> ranges() {
            List<String> out = new ArrayList<>();
            DayOfWeek[] all = DayOfWeek.values();
            int i = 0;
            while (i < 7) {
                if (!days.contains(all[i])) {
                    i++;
                    continue;
                }
                int j = i;
                while (j + 1 < 7 && days.contains(all[j + 1])) {
                    j++;
                }
                out.add(j == i ? name(all[i]) : name(all[i]) + "-" + name(all[j]));
                i = j + 1;
            }
            return out;
        }

        private static String name(DayOfWeek d) {
            return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
        }
    }

    static List<Window> parse(String text) {
        List<Window> windows = new ArrayList<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            Matcher m = WINDOW.matcher(entry);
            if (!m.matches()) {
                throw invalidWindow(entry, "write days and times, e.g. Mon-Fri 18:00-07:00; Sat,Sun 00:00-24:00");
            }
            Set<DayOfWeek> days = days(m.group(1), entry);
            LocalTime from = time(m.group(2), m.group(3), entry);
            boolean toMidnight = m.group(4).equals("24") && m.group(5).equals("00");
            LocalTime to = toMidnight ? LocalTime.MIDNIGHT : time(m.group(4), m.group(5), entry);
            if (!toMidnight && from.equals(to)) {
                throw invalidWindow(entry, "a window needs two different times (00:00-24:00 for the whole day)");
            }
            windows.add(new Window(days, from, to, toMidnight));
        }
        if (windows.isEmpty()) {
            throw invalidWindow(text, "no window given");
        }
        return windows;
    }

    private static Set<DayOfWeek> days(String text, String entry) {
        if (text.equalsIgnoreCase("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.split("-");
            DayOfWeek first = day(range[0], entry);
            DayOfWeek last = range.length > 1 ? day(range[1], entry) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String entry) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(t)) {
                return d;
            }
        }
        throw invalidWindow(entry, "'" + text.strip() + "' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
    }

    private static LocalTime time(String h, String m, String entry) {
        try {
            return LocalTime.of(Integer.parseInt(h), Integer.parseInt(m));
        } catch (DateTimeException e) {
            throw invalidWindow(entry, h + ":" + m + " is not a time of day");
        }
    }

    private static ServiceException invalidWindow(String entry, String why) {
        return ServiceException.invalid("schedule.windows", "'" + entry.strip() + "': " + why);
    }
}
