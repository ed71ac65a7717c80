/**
 * The checks that decide, at each SMTP stage and before any 250, what mxgate takes: one
 * {@link org.mxgate.policy.MailCheck} per rule (address tricks, relaying, gateway state, quota;
 * automatic creation and confirmation replies live with automatic gateways), run in order by
 * {@link org.mxgate.policy.CheckPipeline}.
 */
package org.mxgate.policy;
