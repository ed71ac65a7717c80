package org.mxgate.gateway;

/**
 * What a gateway asks of the senders of its mail, as an operator submits it, unchecked; a field
 * left out keeps its value. {@code spfFail}: STAMP (the result is only written into the message)
 * or REFUSE ({@code 550 5.7.23}); {@code mustAuthenticate}: mail whose sender is in the gateway's
 * domain needs an authenticated session (or a trusted network).
 */
public record SenderSpec(String spfFail, Boolean mustAuthenticate) {
}
