/**
 * What the operator's side needs from the logic: the administrator's credentials and the
 * failures that services report to the API and the pages.
 */
package org.mxgate.admin;
