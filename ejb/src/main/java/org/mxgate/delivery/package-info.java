/**
 * Sending: the SMTP client and the agent that delivers claimed queue jobs to a next hop,
 * several messages per connection, and reports each recipient's result.
 */
package org.mxgate.delivery;
