/**
 * Configuration: every setting mxgate reads, with its default, through MicroProfile Config.
 * Nothing else reads configuration keys.
 */
package org.mxgate.config;
