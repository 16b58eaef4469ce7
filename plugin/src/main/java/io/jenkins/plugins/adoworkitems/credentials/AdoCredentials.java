package io.jenkins.plugins.adoworkitems.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.adoworkitems.FormAccess;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.auth.ClientCertificate;
import io.jenkins.plugins.adoworkitems.core.auth.EntraSettings;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalCertificate;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalSecret;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Jenkins credentials to core's {@link io.jenkins.plugins.adoworkitems.core.auth.Credentials}: a secret text is a
 * personal access token, an {@link AzureDevOpsServicePrincipal} signs in with Entra ID. Builds look credentials up
 * as the build (the run's job and authentication); only administrator actions (test connection, verify) use the
 * system authority.
 */
public final class AdoCredentials {
    /** The credential types a connection can use. */
    public static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(AzureDevOpsServicePrincipal.class));

    private AdoCredentials() {
    }

    /** Finds the certificate credential a service principal names. */
    @FunctionalInterface
    public interface CertificateLookup {
        @CheckForNull
        StandardCertificateCredentials find(String id);
    }

    /** Converts; the secret leaves its {@link Secret} only here, into core's records that never print it. */
    public static AdoLogin login(StandardCredentials credentials, CertificateLookup certificates)
            throws AuthenticationException {
        if (credentials instanceof StringCredentials token) {
            return new AdoLogin(new PersonalAccessToken(token.getSecret().getPlainText()), EntraSettings.publicCloud());
        }
        if (credentials instanceof AzureDevOpsServicePrincipal principal) {
            EntraSettings entra = principal.getAuthorityHost().isEmpty() ? EntraSettings.publicCloud()
                    : EntraSettings.publicCloud().withAuthorityHost(URI.create(principal.getAuthorityHost()));
            if (!principal.getCertificateCredentialsId().isEmpty()) {
                StandardCertificateCredentials certificate = certificates.find(principal.getCertificateCredentialsId());
                if (certificate == null) {
                    throw new AuthenticationException(Messages.AdoCredentials_CertificateNotFound(
                            principal.getCertificateCredentialsId()));
                }
                return new AdoLogin(new ServicePrincipalCertificate(principal.getTenantId(), principal.getClientId(),
                        clientCertificate(certificate)), entra);
            }
            Secret secret = principal.getClientSecret();
            if (secret == null) {
                throw new AuthenticationException(Messages.AdoCredentials_NoSecretNorCertificate());
            }
            return new AdoLogin(new ServicePrincipalSecret(principal.getTenantId(), principal.getClientId(),
                    secret.getPlainText()), entra);
        }
        throw new AuthenticationException(Messages.AdoCredentials_UnsupportedType(credentials.getId()));
    }

    /** Looks the id up as the build does (job context, build's authentication, parameter expressions). */
    public static AdoLogin forRun(String id, Run<?, ?> run) throws AbortException {
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, List.of());
        if (found == null) {
            throw new AbortException(Messages.AdoCredentials_NotFound(id));
        }
        CredentialsProvider.track(run, found);
        try {
            return login(found, certificateId -> CredentialsProvider.findCredentialById(certificateId,
                    StandardCertificateCredentials.class, run, List.of()));
        } catch (AuthenticationException | IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** For administrator actions on the global configuration: the system's view of Jenkins-level credentials. */
    public static AdoLogin forAdministrator(String id) throws AuthenticationException {
        StandardCredentials found = CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
        if (found == null) {
            throw new AuthenticationException(Messages.AdoCredentials_NotFound(id));
        }
        return login(found, certificateId -> certificateFor(null, certificateId));
    }

    /** A certificate credential in the context of a credentials store (its folder, or Jenkins). */
    @CheckForNull
    static StandardCertificateCredentials certificateFor(@CheckForNull Item item, String id) {
        List<StandardCertificateCredentials> all = item == null
                ? CredentialsProvider.lookupCredentialsInItemGroup(StandardCertificateCredentials.class, Jenkins.get(),
                        ACL.SYSTEM2, List.of())
                : CredentialsProvider.lookupCredentialsInItem(StandardCertificateCredentials.class, item, ACL.SYSTEM2,
                        List.of());
        return CredentialsMatchers.firstOrNull(all, CredentialsMatchers.withId(id));
    }

    /**
     * The drop-down of usable credentials: in a job as the job runs, globally as the system. Without permission
     * only the current value, so saving the form keeps it and nothing is revealed.
     */
    public static ListBoxModel items(@CheckForNull Item item, @CheckForNull String currentId) {
        String current = currentId == null ? "" : currentId;
        if (!FormAccess.canListCredentials(item)) {
            return currentOnly(current);
        }
        StandardListBoxModel model = new StandardListBoxModel();
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), USABLE);
        } else {
            Authentication authentication = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
            model.includeMatchingAs(authentication, item, StandardCredentials.class, List.of(), USABLE);
        }
        model.includeCurrentValue(current);
        return model;
    }

    /** The current id alone, so that saving a form keeps it without listing anything. */
    public static ListBoxModel currentOnly(@CheckForNull String currentId) {
        StandardListBoxModel model = new StandardListBoxModel();
        model.includeCurrentValue(currentId == null ? "" : currentId);
        return model;
    }

    private static ClientCertificate clientCertificate(StandardCertificateCredentials credentials)
            throws AuthenticationException {
        try {
            KeyStore store = credentials.getKeyStore();
            char[] password = credentials.getPassword().getPlainText().toCharArray();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, password) instanceof PrivateKey key) {
                    List<X509Certificate> chain = new ArrayList<>();
                    Certificate[] certificates = store.getCertificateChain(alias);
                    if (certificates != null) {
                        for (Certificate certificate : certificates) {
                            if (certificate instanceof X509Certificate x509) {
                                chain.add(x509);
                            }
                        }
                    }
                    return new ClientCertificate(key, chain);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException(Messages.AdoCredentials_CertificateUnreadable(credentials.getId(),
                    e.getClass().getSimpleName()));
        }
        throw new AuthenticationException(Messages.AdoCredentials_CertificateWithoutKey(credentials.getId()));
    }
}
