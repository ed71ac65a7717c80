/**
 * The receiving entry point: the SMTP listener, wiring the dialogue ({@code smtp.protocol}) to
 * the checks, the queue and collection.
 */
package org.mxgate.smtp;
