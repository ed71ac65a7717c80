/** Who may use the API and the pages: one administrator, HTTP Basic. */
package org.mxgate.web.security;
