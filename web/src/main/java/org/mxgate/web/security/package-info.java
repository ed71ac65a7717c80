/**
 * Who may use the API and the pages (one administrator, HTTP Basic with a login throttle), and
 * the headers every answer carries.
 */
package org.mxgate.web.security;
