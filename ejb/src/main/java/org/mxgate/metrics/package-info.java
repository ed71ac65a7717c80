/**
 * What mxgate counts and measures, as MicroProfile Metrics (Prometheus text at {@code /metrics}):
 * mail taken and refused by reason, delivery outcomes, the time from the end of DATA to its
 * reply and of delivery attempts, open sessions, and per gateway the state of its queue.
 */
package org.mxgate.metrics;
