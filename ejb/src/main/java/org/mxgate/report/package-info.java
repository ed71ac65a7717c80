/**
 * The messages mxgate writes itself about mail it handles: delivery status notifications
 * (bounces, delay warnings, relayed notices), for the queue through its ReportWriter port.
 */
package org.mxgate.report;
