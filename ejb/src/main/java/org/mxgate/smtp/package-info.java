/**
 * The receiving side: the SMTP listener, its command set and the handler that hands a complete
 * message to the queue. Only this package imports SubEthaSMTP.
 */
package org.mxgate.smtp;
