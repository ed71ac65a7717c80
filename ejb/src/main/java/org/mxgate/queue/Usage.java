package org.mxgate.queue;

/** What a gateway stores now (messages waiting or being delivered, and their bytes), for its quota. */
public record Usage(long messages, long bytes) {
}
