package org.mxgate.web.security;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.mxgate.admin.AdminCredentials;

/** Who may use the API and the pages: user {@code admin} with the administrator's password. */
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
