/**
 * Gateways: the domains mxgate receives mail for, and where each domain's mail goes.
 * The relay decision and the delivery target both start here.
 */
package org.mxgate.gateway;
