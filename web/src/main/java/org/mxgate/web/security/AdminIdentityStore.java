package org.mxgate.web.security;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.mxgate.admin.AdminCredentials;

/** HTTP Basic for the API and the pages: user {@code admin} with the administrator's password. */
@BasicAuthenticationMechanismDefinition(realmName = "mxgate")
@ApplicationScoped
public class AdminIdentityStore implements IdentityStore {

    public static final String ROLE = "admin";

    @EJB
    AdminCredentials credentials;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c
                && credentials.verify(c.getCaller(), c.getPasswordAsString())) {
            return new CredentialValidationResult(c.getCaller(), Set.of(ROLE));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
