package org.mxgate.gateway;

/**
 * A gateway's delivery schedule as an operator submits it, unchecked: windows
 * ({@code "Mon-Fri 18:00-07:00; Sat,Sun 00:00-24:00"}), the time zone they are in, and an
 * interval ({@code "4h"}, {@code "every 4 h"}, {@code "PT4H"}); left out keeps, blank removes.
 */
public record ScheduleSpec(String windows, String timeZone, String interval) {
}
