/**
 * MicroProfile Health: {@code /health/live} and {@code /health/ready} (no login, as a load
 * balancer or an orchestrator asks them; they name no gateway).
 */
package org.mxgate.web.health;
