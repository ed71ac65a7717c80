/**
 * Limits per client address that any listener applies (failed logins, requests per interval),
 * and answers kept for a time in bounded memory. Depends on nothing else of mxgate.
 */
package org.mxgate.limit;
