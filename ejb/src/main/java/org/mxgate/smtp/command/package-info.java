/**
 * One class per SMTP verb, replacing SubEthaSMTP's defaults so that every reply carries an
 * enhanced status code and every argument is parsed strictly.
 */
package org.mxgate.smtp.command;
