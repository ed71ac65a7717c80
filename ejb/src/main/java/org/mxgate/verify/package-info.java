/**
 * Recipient verification: whether an address in a gateway's domain exists, asked of the source
 * the gateway names (its address list, its LDAP directory, or by an SMTP callout to its next hop,
 * a {@link org.mxgate.verify.RecipientProbe} delivery provides), with the answers kept in the
 * database for every instance, and the rule for when the source cannot be asked.
 * {@link org.mxgate.verify.RecipientVerifier} decides; a policy check turns its decision into the
 * RCPT reply, and delivery tells it what the next hop said of each recipient.
 */
package org.mxgate.verify;
