/**
 * The content scanners mxgate asks before it takes a message: clamd (antivirus, INSTREAM) and
 * SpamAssassin's spamd (SPAMC/1.5), over TCP or a Unix socket, each call bounded in time and in
 * the number of connections at once. What a scanner's answer means for the mail is decided by
 * the policy's {@code ContentCheck}; here only the protocols.
 */
package org.mxgate.scan;
