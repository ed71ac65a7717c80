/**
 * Limits per client address that any listener applies: failed logins, requests per interval.
 * Depends on nothing else of mxgate.
 */
package org.mxgate.limit;
