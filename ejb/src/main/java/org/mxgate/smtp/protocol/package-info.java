/**
 * The SMTP dialogue: one class per verb (replacing SubEthaSMTP's, so that every reply carries an
 * enhanced status code and every argument is parsed strictly), the session state, the DATA reader
 * and the trace header. It asks the rest of mxgate only through {@link MailReceiver}. Only
 * this package and the listener that starts it import SubEthaSMTP.
 */
package org.mxgate.smtp.protocol;

