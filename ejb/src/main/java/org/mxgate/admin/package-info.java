/**
 * What the operator's side needs from the logic: the operators' credentials and roles, the
 * failures that services report to the API and the pages, and the audit log of what operators
 * (and automatic gateways) changed.
 */
package org.mxgate.admin;
