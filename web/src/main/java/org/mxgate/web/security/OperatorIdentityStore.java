package org.mxgate.web.security;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.mxgate.admin.AdminCredentials;

/** Who may use the API and the pages: {@code admin} (role admin) and, if configured, {@code viewer} (role viewer). */
@ApplicationScoped
public class OperatorIdentityStore implements IdentityStore {

    @EJB
    AdminCredentials credentials;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c) {
            return credentials.role(c.getCaller(), c.getPasswordAsString())
                    .map(role -> new CredentialValidationResult(c.getCaller(), Set.of(role)))
                    .orElse(CredentialValidationResult.INVALID_RESULT);
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
