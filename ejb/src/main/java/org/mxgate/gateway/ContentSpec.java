package org.mxgate.gateway;

/**
 * A gateway's content filter as an operator submits it, unchecked; a field left out keeps its
 * value. {@code antivirus}/{@code antispam}: whether the configured scanners are asked for this
 * gateway's mail; {@code spamTagScore}: from this score on the message is marked as spam
 * ({@code X-Spam-Flag: YES}); {@code spamRefuseScore}: from this score on it is refused
 * ({@code 550 5.7.1}), 0 never; {@code whenScannerFails}: DEFER ({@code 451 4.7.1}, the sender
 * retries) or ACCEPT (taken, stamped as not scanned); {@code blockedExtensions} and
 * {@code blockedTypes}: attachment file name extensions and MIME types refused, comma-separated
 * ({@code "default"} for the built-in list of executable types, {@code ""} for none);
 * {@code maxMessageSize}: octets, below the server's limit, 0 for the server's; {@code virusAction}
 * and {@code spamAction} (from the refuse score on): REFUSE (the default) or QUARANTINE (taken,
 * held for an operator); {@code senderBlock}, {@code recipientBlock}: addresses refused at RCPT
 * ({@code 550 5.7.1}), {@code senderAllow}, {@code recipientAllow}: addresses whose mail is not
 * checked for spam, each a comma-separated list with {@code *} wildcards ({@code ""} for none);
 * {@code headerRules}: the whole list of {@link HeaderRule}s ({@code []} for none);
 * {@code spamSubjectPrefix}: put before the subject of mail marked as spam ({@code ""}: none).
 */
public record ContentSpec(Boolean antivirus, Boolean antispam, Double spamTagScore, Double spamRefuseScore,
        String whenScannerFails, String blockedExtensions, String blockedTypes, Long maxMessageSize,
        String virusAction, String spamAction, String senderBlock, String senderAllow, String recipientBlock,
        String recipientAllow, java.util.List<HeaderRule.Spec> headerRules, String spamSubjectPrefix) {
}
