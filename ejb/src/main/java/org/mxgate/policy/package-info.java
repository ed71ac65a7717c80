/**
 * Decisions on what is accepted: which recipients mxgate receives for (no open relay).
 * Later filters (size, spam, virus, rate limits) belong here too.
 */
package org.mxgate.policy;
