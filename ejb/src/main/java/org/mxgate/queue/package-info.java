/**
 * The queue: every accepted message, stored durably with its envelope, its recipients' states,
 * its delivery attempts and its due time. QueueService is its only way in and out.
 */
package org.mxgate.queue;
