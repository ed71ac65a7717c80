/**
 * Name lookups through dnsjava, against the configured DNS servers. Only this package imports
 * org.xbill.DNS.
 */
package org.mxgate.dns;
