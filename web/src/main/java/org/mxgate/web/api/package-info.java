/**
 * The JSON API under /api: thin resources over the EJB services, problem+json for every
 * refusal.
 */
package org.mxgate.web.api;
