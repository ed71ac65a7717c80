/** The public page that confirms an automatic gateway from the link in its confirmation message. */
package org.mxgate.web.confirm;
