package org.mxgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.mxgate.admin.ServiceException;
import org.mxgate.gateway.DeliverySchedule.State;

class DeliveryScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static DeliverySchedule schedule(String windows, String zone, String interval) {
        return DeliverySchedule.always().with(new ScheduleSpec(windows, zone, interval));
    }

    /** 2026-11-30 is a Monday. */
    private static Instant berlin(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 11, 30, hour, minute, 0, 0, BERLIN).plusDays(day - 1).toInstant();
    }

    @Test
    void anOvernightWindowRunsIntoTheNextDayInTheGatewaysZone() {
        DeliverySchedule nights = schedule("mon-fri 18:00-07:00; Sat,Sun 00:00-24:00", "Europe/Berlin", null);
        assertThat(nights.windows()).isEqualTo("Mon-Fri 18:00-07:00; Sat-Sun 00:00-24:00");
        assertThat(nights.at(berlin(1, 12, 0), null)).as("Monday noon").isEqualTo(State.CLOSED);
        assertThat(nights.at(berlin(1, 18, 0), null)).as("Monday 18:00").isEqualTo(State.OPEN);
        assertThat(nights.at(berlin(2, 6, 59), null)).as("Tuesday 06:59, Monday's night").isEqualTo(State.OPEN);
        assertThat(nights.at(berlin(2, 7, 0), null)).as("Tuesday 07:00").isEqualTo(State.CLOSED);
        assertThat(nights.at(berlin(1, 3, 0), null)).as("Monday 03:00: Sunday's window ended at midnight")
                .isEqualTo(State.CLOSED);
        assertThat(nights.at(berlin(6, 12, 0), null)).as("Saturday noon").isEqualTo(State.OPEN);
        assertThat(nights.at(berlin(6, 12, 0).atZone(ZoneId.of("UTC")).toInstant(), null)).isEqualTo(State.OPEN);
        assertThat(schedule("Mon-Fri 18:00-07:00", null, null).at(berlin(1, 18, 30), null))
                .as("in UTC, 18:30 in Berlin is 17:30").isEqualTo(State.CLOSED);
        assertThat(schedule("Fri-Mon 09:00-10:00", null, null).windows()).as("a range round the weekend")
                .isEqualTo("Mon,Fri-Sun 09:00-10:00");
    }

    @Test
    void anIntervalOpensOncePerIntervalForTheOpening() {
        DeliverySchedule every4h = schedule(null, null, "every 4 h");
        assertThat(every4h.interval()).isEqualTo("PT4H");
        Instant t0 = berlin(1, 8, 0);
        assertThat(every4h.at(t0, null)).as("never opened").isEqualTo(State.OPENS);
        assertThat(every4h.at(t0.plusSeconds(60), t0)).as("within the opening").isEqualTo(State.OPEN);
        assertThat(every4h.at(t0.plus(DeliverySchedule.OPENING), t0)).isEqualTo(State.CLOSED);
        assertThat(every4h.at(t0.plusSeconds(4 * 3600), t0)).isEqualTo(State.OPENS);
        DeliverySchedule both = schedule("daily 08:00-09:00", "Europe/Berlin", "2h");
        assertThat(both.at(berlin(1, 10, 0), null)).as("outside the window, the interval waits").isEqualTo(State.CLOSED);
        assertThat(both.at(berlin(1, 8, 0), null)).isEqualTo(State.OPENS);
        assertThat(DeliverySchedule.always().at(t0, null)).isEqualTo(State.OPEN);
        assertThat(DeliverySchedule.always().isAlways()).isTrue();
    }

    @Test
    void leftOutKeepsBlankRemovesAndBadInputNamesItsField() {
        DeliverySchedule s = schedule("daily 22:00-06:00", "UTC", "6h");
        DeliverySchedule kept = s.with(new ScheduleSpec(null, null, ""));
        assertThat(kept.windows()).isEqualTo("daily 22:00-06:00");
        assertThat(kept.interval()).isNull();
        assertThat(s.with(new ScheduleSpec("", "", "")).isAlways()).isTrue();
        assertInvalid(() -> schedule("Mon-Fry 18:00-07:00", null, null), "schedule.windows", "'Fry' is not a day");
        assertInvalid(() -> schedule("weekdays", null, null), "schedule.windows", "write days and times");
        assertInvalid(() -> schedule("Mon 25:00-07:00", null, null), "schedule.windows", "25:00 is not a time of day");
        assertInvalid(() -> schedule("Mon 07:00-07:00", null, null), "schedule.windows", "two different times");
        assertInvalid(() -> schedule(null, "Mars/Olympus", null), "schedule.timeZone", "not a time zone");
        assertInvalid(() -> schedule(null, null, "soon"), "schedule.interval", "is not a duration");
        assertInvalid(() -> schedule(null, null, "5m"), "schedule.interval", "longer than 10 minutes");
    }

    private static void assertInvalid(Runnable change, String field, String detail) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(detail);
        });
    }
}
