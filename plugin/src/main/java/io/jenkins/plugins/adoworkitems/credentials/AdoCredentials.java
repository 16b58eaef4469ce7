package io.jenkins.plugins.adoworkitems.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.adoworkitems.FormAccess;
import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import io.jenkins.plugins.adoworkitems.core.auth.AuthenticationException;
import io.jenkins.plugins.adoworkitems.core.auth.BearerToken;
import io.jenkins.plugins.adoworkitems.core.auth.ClientCertificate;
import io.jenkins.plugins.adoworkitems.core.auth.EntraSettings;
import io.jenkins.plugins.adoworkitems.core.auth.FederatedAssertion;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalCertificate;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalSecret;
import io.jenkins.plugins.adoworkitems.core.auth.WorkloadIdentity;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Jenkins credentials to core's {@link io.jenkins.plugins.adoworkitems.core.auth.Credentials}: a secret text is a
 * personal access token, an {@link AzureDevOpsBearerToken} a bearer token, an {@link AzureDevOpsServicePrincipal}
 * signs in with Entra ID (secret, certificate or federated token), an {@link AzureDevOpsManagedIdentity} as the
 * controller's Azure machine. An administrator's connection resolves its credential with the system's authority on
 * Jenkins (so it may be System-scoped); a step's own {@code credentialsId} is resolved as the build; UI actions as
 * their user. Every lookup carries the Azure DevOps URL as a domain requirement.
 */
public final class AdoCredentials {
    /** The credential types a connection can use. */
    public static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StringCredentials.class),
            CredentialsMatchers.instanceOf(AzureDevOpsServicePrincipal.class),
            CredentialsMatchers.instanceOf(AzureDevOpsManagedIdentity.class),
            CredentialsMatchers.instanceOf(AzureDevOpsBearerToken.class));

    private AdoCredentials() {
    }

    /** Finds the certificate credential a service principal names. */
    @FunctionalInterface
    public interface CertificateLookup {
        @CheckForNull
        StandardCertificateCredentials find(String id);
    }

    /** Finds the secret text holding a service principal's federated (OIDC) token; asked again for every read. */
    @FunctionalInterface
    public interface TokenLookup {
        /** @param authorityHost where the token goes, the domain requirement of the lookup */
        @CheckForNull
        StringCredentials find(String id, String authorityHost);
    }

    /**
     * Where the credentials a service principal names are looked up, and whether the credential being converted is
     * Jenkins' own (from Jenkins' own store): only then may it sign in as the controller (managed identity, the
     * controller's federated token file).
     */
    public record Context(CertificateLookup certificates, TokenLookup tokens, boolean jenkinsOwn) {
    }

    /** Converts; the secret leaves its {@link Secret} only here, into core's records that never print it. */
    public static AdoLogin login(StandardCredentials credentials, Context context) throws AuthenticationException {
        if (credentials instanceof AzureDevOpsBearerToken bearer) {
            return new AdoLogin(new BearerToken(bearer.getToken().getPlainText().strip()), EntraSettings.publicCloud());
        }
        if (credentials instanceof StringCredentials token) {
            return new AdoLogin(new PersonalAccessToken(token.getSecret().getPlainText().strip()), EntraSettings.publicCloud());
        }
        if (credentials instanceof AzureDevOpsManagedIdentity identity) {
            if (!context.jenkinsOwn()) {
                throw new AuthenticationException(Messages.AdoCredentials_ControllerIdentityOutsideJenkins(identity.getId()));
            }
            return new AdoLogin(identity.identity(),
                    EntraSettings.publicCloud().withManagedIdentityEndpoint(AzureEnvironment.managedIdentityEndpoint()));
        }
        if (credentials instanceof AzureDevOpsServicePrincipal principal) {
            return servicePrincipal(principal, context);
        }
        throw new AuthenticationException(Messages.AdoCredentials_UnsupportedType(credentials.getId()));
    }

    private static AdoLogin servicePrincipal(AzureDevOpsServicePrincipal principal, Context context)
            throws AuthenticationException {
        EntraSettings entra = principal.getAuthorityHost().isEmpty() ? EntraSettings.publicCloud()
                : EntraSettings.publicCloud().withAuthorityHost(URI.create(principal.getAuthorityHost()));
        String certificateId = principal.getCertificateCredentialsId();
        String tokenId = principal.getFederatedTokenCredentialsId();
        int ways = (certificateId.isEmpty() ? 0 : 1) + (tokenId.isEmpty() ? 0 : 1) + (principal.isFederatedTokenFile() ? 1 : 0);
        if (ways > 1) {
            throw new AuthenticationException(Messages.AdoCredentials_SeveralWays(principal.getId()));
        }
        if (!certificateId.isEmpty()) {
            StandardCertificateCredentials certificate = context.certificates().find(certificateId);
            if (certificate == null) {
                throw new AuthenticationException(Messages.AdoCredentials_CertificateNotFound(certificateId));
            }
            return new AdoLogin(new ServicePrincipalCertificate(principal.getTenantId(), principal.getClientId(),
                    clientCertificate(certificate)), entra);
        }
        if (!tokenId.isEmpty()) {
            String authority = entra.authorityHost().toString();
            if (context.tokens().find(tokenId, authority) == null) {
                throw new AuthenticationException(AuthenticationException.Reason.FEDERATED_ASSERTION_REFUSED,
                        Messages.AdoCredentials_TokenCredentialNotFound(tokenId));
            }
            // Looked up again for each read: a provider that issues a token per request (OpenID Connect Provider)
            // gives a fresh one, and a replaced credential is used at once.
            FederatedAssertion assertion = FederatedAssertion.of(() -> {
                StringCredentials current = context.tokens().find(tokenId, authority);
                return current == null ? null : current.getSecret().getPlainText();
            }, "credential " + tokenId);
            return new AdoLogin(new WorkloadIdentity(principal.getTenantId(), principal.getClientId(), assertion), entra);
        }
        if (principal.isFederatedTokenFile()) {
            if (!context.jenkinsOwn()) {
                throw new AuthenticationException(Messages.AdoCredentials_ControllerIdentityOutsideJenkins(principal.getId()));
            }
            String file = AzureEnvironment.get(AzureEnvironment.FEDERATED_TOKEN_FILE);
            if (file == null) {
                throw new AuthenticationException(AuthenticationException.Reason.FEDERATED_ASSERTION_REFUSED,
                        Messages.AdoCredentials_NoTokenFile(AzureEnvironment.FEDERATED_TOKEN_FILE));
            }
            return new AdoLogin(new WorkloadIdentity(principal.getTenantId(), principal.getClientId(),
                    FederatedAssertion.fromFile(Path.of(file))), entra);
        }
        Secret secret = principal.getClientSecret();
        if (secret == null) {
            throw new AuthenticationException(Messages.AdoCredentials_NoSecretNorCertificate());
        }
        return new AdoLogin(new ServicePrincipalSecret(principal.getTenantId(), principal.getClientId(),
                secret.getPlainText().strip()), entra);
    }

    /**
     * For a UI action of the current user in {@code item}'s context (null: Jenkins' own store, administrators only):
     * the certificates and tokens they could choose there.
     */
    public static Context forUser(@CheckForNull Item item) {
        return new Context(id -> certificateForUser(item, id), (id, authority) -> CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, item, userAuthentication(),
                        domainOf(authority)), CredentialsMatchers.withId(id)), item == null);
    }

    /**
     * A per-build credential (a step's {@code credentialsId}): looked up as the build is (the job's context and
     * authentication, parameter expressions), so it can only be one the job may use.
     */
    public static AdoLogin forRun(String id, Run<?, ?> run, String url) throws AbortException {
        List<DomainRequirement> domain = domainOf(url);
        StandardCredentials found = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, domain);
        if (found == null) {
            throw new AbortException(whyNotForBuild(id, run, url));
        }
        CredentialsProvider.track(run, found);
        return loginOrAbort(found, new Context(certificateId -> CredentialsProvider.findCredentialById(certificateId,
                StandardCertificateCredentials.class, run, domain),
                (tokenId, authority) -> CredentialsProvider.findCredentialById(tokenId, StringCredentials.class, run,
                        domainOf(authority)), isJenkinsOwn(found)));
    }

    /**
     * The credential of a configured connection, for a build that uses it: looked up with the system's authority
     * where the connection is defined (Jenkins itself for a global connection, so it may be System-scoped; a folder
     * for a folder's connection, so only that folder's and its parents' credentials and global ones of Global scope),
     * and no Pipeline author can bind it with {@code withCredentials}. The build only ever gets a token or a
     * signed-in client from it. Only a credential from Jenkins' own store may sign in as the controller.
     */
    public static AdoLogin forConnection(String id, ItemGroup<?> context, Run<?, ?> run, String url)
            throws AbortException {
        StandardCredentials found = inContext(context, StandardCredentials.class, id, url);
        if (found == null) {
            throw new AbortException(inContext(context, StandardCredentials.class, id, null) != null
                    ? Messages.AdoCredentials_OutsideDomain(id, url) : Messages.AdoCredentials_NotFoundForConnection(id));
        }
        CredentialsProvider.track(run, found);
        return loginOrAbort(found, new Context(
                certificateId -> inContext(context, StandardCertificateCredentials.class, certificateId, url),
                (tokenId, authority) -> contextualized(inContext(context, StringCredentials.class, tokenId, authority),
                        run), context instanceof Jenkins || isJenkinsOwn(found)));
    }

    /**
     * For actions of whoever configures a connection (test connection, validate a template, the build page's live
     * state): looked up where the connection is defined, {@code context} being that folder or Jenkins.
     */
    public static AdoLogin forAdministrator(String id, ItemGroup<?> context, String url)
            throws AuthenticationException {
        StandardCredentials found = id == null || id.isBlank() ? null : inContext(context, StandardCredentials.class, id, url);
        Optional<String> problem = problemForConnection(id, context, url, found);
        if (problem.isPresent()) {
            throw new AuthenticationException(problem.get());
        }
        return login(found, new Context(
                certificateId -> inContext(context, StandardCertificateCredentials.class, certificateId, url),
                (tokenId, authority) -> inContext(context, StringCredentials.class, tokenId, authority),
                context instanceof Jenkins || isJenkinsOwn(found)));
    }

    /** A folder's own credentials context, or Jenkins' for anything else. */
    public static ItemGroup<?> contextOf(@CheckForNull Item item) {
        return item instanceof ItemGroup<?> group ? group : Jenkins.get();
    }

    /** Which of the reasons a build cannot use {@code id} applies, so the log names the actual cause. */
    private static String whyNotForBuild(String id, Run<?, ?> run, String url) {
        if (CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, List.of()) != null) {
            return Messages.AdoCredentials_OutsideDomainForBuild(id, url);
        }
        StandardCredentials stored = inContext(Jenkins.get(), StandardCredentials.class, id, null);
        if (stored != null && stored.getScope() == CredentialsScope.SYSTEM) {
            return Messages.AdoCredentials_SystemScopedForBuild(id);
        }
        return Messages.AdoCredentials_NotFoundForBuild(id);
    }

    /**
     * A certificate credential for a UI action of the current user: an administrator may use any credential of the
     * context; anybody else only those their own authentication can see.
     */
    @CheckForNull
    static StandardCertificateCredentials certificateForUser(@CheckForNull Item item, String id) {
        return CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItem(
                StandardCertificateCredentials.class, item, userAuthentication(), List.of()), CredentialsMatchers.withId(id));
    }

    /**
     * Whose credentials a UI action of the current user may use: an administrator all of the context (the system
     * store answers the system only), anybody else their own.
     */
    static Authentication userAuthentication() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER) ? ACL.SYSTEM2 : Jenkins.getAuthentication2();
    }

    /**
     * The drop-down of usable credentials for {@code url}: in a job as the job runs (what a build could use),
     * globally as the system. Without permission only the current value, so saving the form keeps it and nothing is
     * revealed.
     */
    public static ListBoxModel items(@CheckForNull Item item, @CheckForNull String currentId, @CheckForNull String url) {
        String current = currentId == null ? "" : currentId;
        if (!FormAccess.canListCredentials(item)) {
            return currentOnly(current);
        }
        StandardListBoxModel model = new StandardListBoxModel();
        model.includeEmptyValue();
        if (item == null) {
            model.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, domainOf(url), USABLE);
        } else {
            Authentication authentication = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
            model.includeMatchingAs(authentication, item, StandardCredentials.class, domainOf(url), USABLE);
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

    /**
     * Whether {@code id} names a credential a connection defined in {@code context} (a folder, or Jenkins) to
     * {@code url} can use, and if not why: empty when it does.
     */
    public static Optional<String> problemForConnection(String id, ItemGroup<?> context, @CheckForNull String url) {
        return problemForConnection(id, context, url,
                id == null || id.isBlank() ? null : inContext(context, StandardCredentials.class, id, url));
    }

    /** @param found what {@code id} names for {@code url}, looked up by the caller that also uses it */
    private static Optional<String> problemForConnection(String id, ItemGroup<?> context, @CheckForNull String url,
            @CheckForNull StandardCredentials found) {
        if (id == null || id.isBlank()) {
            return Optional.of(Messages.AdoCredentials_NoneChosen());
        }
        if (found == null) {
            return Optional.of(inContext(context, StandardCredentials.class, id, null) != null
                    ? Messages.AdoCredentials_OutsideDomain(id, url) : Messages.AdoCredentials_NotFound(id));
        }
        return USABLE.matches(found) ? Optional.empty()
                : Optional.of(Messages.AdoCredentials_UnsupportedType(id));
    }

    /** Domain requirements from the Azure DevOps URL, so credentials restricted to other hosts are not offered. */
    static List<DomainRequirement> domainOf(@CheckForNull String url) {
        return url == null || url.isBlank() ? List.of() : URIRequirementBuilder.fromUri(url.trim()).build();
    }

    /**
     * Credentials of {@code context} as the system sees them: on Jenkins, System-scoped ones included; in a folder,
     * its own and its parents' and Jenkins' Global-scoped ones.
     */
    @CheckForNull
    private static <C extends StandardCredentials> C inContext(ItemGroup<?> context, Class<C> type, String id,
            @CheckForNull String url) {
        return CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(type, context,
                ACL.SYSTEM2, domainOf(url)), CredentialsMatchers.withId(id));
    }

    /**
     * Converts for a build. A federated token is read once here, so that a missing or empty one stops the build
     * before anything is sent and the build's redactor knows the token it presents.
     */
    private static AdoLogin loginOrAbort(StandardCredentials found, Context context) throws AbortException {
        try {
            AdoLogin login = login(found, context);
            if (login.credentials() instanceof WorkloadIdentity workload) {
                workload.assertion().read();
            }
            return login;
        } catch (AuthenticationException e) {
            throw new AbortException(withCode(e));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** The stable error code and its fix for the failures of an Azure identity, as Azure DevOps errors carry them. */
    static String withCode(AuthenticationException e) {
        ErrorCode code = switch (e.reason()) {
            case MANAGED_IDENTITY_UNAVAILABLE -> ErrorCode.MANAGED_IDENTITY_UNAVAILABLE;
            case FEDERATED_ASSERTION_REFUSED -> ErrorCode.FEDERATED_ASSERTION_REFUSED;
            case REFUSED -> null;
        };
        return code == null ? e.getMessage() : code + ": " + e.getMessage() + " " + code.fix();
    }

    /**
     * A credential a connection found with the system's authority, as the build would get it (the OpenID Connect
     * Provider plugin's tokens then carry the build's claims).
     */
    @CheckForNull
    private static StringCredentials contextualized(@CheckForNull StringCredentials credentials, Run<?, ?> run) {
        return credentials != null && credentials.forRun(run) instanceof StringCredentials contextual ? contextual
                : credentials;
    }

    /**
     * Whether {@code credentials} is the very instance Jenkins' own store holds (not a folder's or a user's with the
     * same id): only those may sign in as the controller.
     */
    private static boolean isJenkinsOwn(StandardCredentials credentials) {
        return SystemCredentialsProvider.getInstance().getDomainCredentialsMap().values().stream()
                .flatMap(List::stream).anyMatch(stored -> stored == credentials);
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
