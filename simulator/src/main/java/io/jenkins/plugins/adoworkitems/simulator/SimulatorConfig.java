package io.jenkins.plugins.adoworkitems.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the simulator serves: organizations or collections, their projects, the credentials it accepts. */
public final class SimulatorConfig {
    /** An organization ({@code server == null}, Azure DevOps Services) or an Azure DevOps Server collection. */
    public record Account(String name, ServerVersion server) {
        public boolean isServer() {
            return server != null;
        }
    }

    public record ProjectSeed(String account, String name, Process process) {
    }

    /** @param owner the person the PAT belongs to; null for the configuration's {@link #identity()} */
    public record Pat(String token, PatState state, Identity owner) {
        public Pat(String token, PatState state) {
            this(token, state, null);
        }

        @Override
        public String toString() {
            return "Pat[state=" + state + "]";
        }
    }

    /** A service principal; {@code clientSecret} or {@code certificate} (or both) may be null. */
    public record ServicePrincipal(String tenant, String clientId, String clientSecret, X509Certificate certificate) {
        @Override
        public String toString() {
            return "ServicePrincipal[tenant=" + tenant + ", clientId=" + clientId + "]";
        }
    }

    public record Identity(String displayName, String uniqueName) {
    }

    /**
     * A managed identity the simulator's IMDS and App Service endpoints issue tokens for: the machine's
     * system-assigned identity ({@code resourceId} null, at most one) or a user-assigned one, found by client id or by
     * its Azure resource id.
     */
    public record ManagedIdentity(String clientId, String resourceId, boolean systemAssigned) {
    }

    /**
     * A federated identity credential on an app registration: Entra ID accepts a client assertion for the app when
     * the token's issuer, subject and audience are exactly these. {@code issuer} null means the simulator's own OIDC
     * issuer ({@code baseUri/oidc}), whose port is only known once it runs.
     */
    public record FederatedCredential(String tenant, String clientId, String issuer, String subject, String audience) {
        /** The audience Entra ID proposes for every federated credential. */
        public static final String DEFAULT_AUDIENCE = "api://AzureADTokenExchange";
    }

    private final List<Account> accounts;
    private final List<ProjectSeed> projects;
    private final List<Pat> pats;
    private final List<ServicePrincipal> servicePrincipals;
    private final List<ManagedIdentity> managedIdentities;
    private final List<FederatedCredential> federatedCredentials;
    private final String identityHeader;
    private final Identity identity;
    private final boolean https;
    private final int port;

    private SimulatorConfig(Builder b) {
        this.accounts = List.copyOf(b.accounts.values());
        this.projects = List.copyOf(b.projects);
        this.pats = List.copyOf(b.pats);
        this.servicePrincipals = List.copyOf(b.servicePrincipals);
        this.managedIdentities = List.copyOf(b.managedIdentities);
        this.federatedCredentials = List.copyOf(b.federatedCredentials);
        this.identityHeader = b.identityHeader;
        this.identity = b.identity;
        this.https = b.https;
        this.port = b.port;
    }

    /** Organization "demo", project "Demo" on the Agile process, PAT "sim-pat" valid with work-items read and write. */
    public static SimulatorConfig defaults() {
        return builder().organization("demo").project("demo", "Demo", Process.AGILE).pat("sim-pat", PatState.VALID).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads the seed file format described in docs/simulator.md. */
    public static SimulatorConfig fromSeedFile(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IOException(file + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new SeedReader(file, root).read();
    }

    public List<Account> accounts() {
        return accounts;
    }

    public List<ProjectSeed> projects() {
        return projects;
    }

    public List<Pat> pats() {
        return pats;
    }

    public List<ServicePrincipal> servicePrincipals() {
        return servicePrincipals;
    }

    public List<ManagedIdentity> managedIdentities() {
        return managedIdentities;
    }

    public List<FederatedCredential> federatedCredentials() {
        return federatedCredentials;
    }

    /** The secret the App Service-style endpoint expects in {@code X-IDENTITY-HEADER} (App Service's IDENTITY_HEADER). */
    public String identityHeader() {
        return identityHeader;
    }

    public Identity identity() {
        return identity;
    }

    public boolean https() {
        return https;
    }

    public int port() {
        return port;
    }

    public static final class Builder {
        private final Map<String, Account> accounts = new LinkedHashMap<>();
        private final List<ProjectSeed> projects = new ArrayList<>();
        private final List<Pat> pats = new ArrayList<>();
        private final List<ServicePrincipal> servicePrincipals = new ArrayList<>();
        private final List<ManagedIdentity> managedIdentities = new ArrayList<>();
        private final List<FederatedCredential> federatedCredentials = new ArrayList<>();
        private String identityHeader = "sim-identity-header";
        private Identity identity = new Identity("Simulator User", "sim.user@example.com");
        private boolean https;
        private int port;

        private Builder() {
        }

        public Builder organization(String name) {
            return account(new Account(requireName(name), null));
        }

        public Builder collection(String name, ServerVersion version) {
            return account(new Account(requireName(name), Objects.requireNonNull(version, "version")));
        }

        private Builder account(Account account) {
            if (accounts.putIfAbsent(account.name().toLowerCase(java.util.Locale.ROOT), account) != null) {
                throw new IllegalArgumentException("organization or collection '" + account.name() + "' declared twice");
            }
            return this;
        }

        public Builder project(String orgOrCollection, String project, Process process) {
            projects.add(new ProjectSeed(requireName(orgOrCollection), requireName(project), Objects.requireNonNull(process, "process")));
            return this;
        }

        public Builder pat(String token, PatState state) {
            pats.add(new Pat(requireName(token), Objects.requireNonNull(state, "state")));
            return this;
        }

        /** A valid PAT of another person, whose changes to work items show under their name (ChangedBy). */
        public Builder person(String token, String displayName, String uniqueName) {
            pats.add(new Pat(requireName(token), PatState.VALID, new Identity(requireName(displayName), requireName(uniqueName))));
            return this;
        }

        public Builder servicePrincipal(String tenant, String clientId, String clientSecret) {
            servicePrincipals.add(new ServicePrincipal(requireName(tenant), requireName(clientId), requireName(clientSecret), null));
            return this;
        }

        public Builder servicePrincipalCertificate(String tenant, String clientId, X509Certificate cert) {
            servicePrincipals.add(new ServicePrincipal(requireName(tenant), requireName(clientId), null, Objects.requireNonNull(cert, "cert")));
            return this;
        }

        /** The machine's own (system-assigned) managed identity, with the client id Entra ID gave it. */
        public Builder systemAssignedIdentity(String clientId) {
            if (managedIdentities.stream().anyMatch(ManagedIdentity::systemAssigned)) {
                throw new IllegalArgumentException("a machine has one system-assigned identity");
            }
            managedIdentities.add(new ManagedIdentity(requireName(clientId), null, true));
            return this;
        }

        /**
         * A user-assigned managed identity attached to the machine.
         *
         * @param resourceId e.g. {@code /subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/NAME}
         */
        public Builder userAssignedIdentity(String clientId, String resourceId) {
            managedIdentities.add(new ManagedIdentity(requireName(clientId), requireName(resourceId), false));
            return this;
        }

        /** What App Service would put into IDENTITY_HEADER; the App Service-style endpoint refuses any other value. */
        public Builder identityHeader(String secret) {
            this.identityHeader = requireName(secret);
            return this;
        }

        /** A federated credential trusting the simulator's own OIDC issuer, audience {@code api://AzureADTokenExchange}. */
        public Builder federatedCredential(String tenant, String clientId, String subject) {
            return federatedCredential(tenant, clientId, null, subject, FederatedCredential.DEFAULT_AUDIENCE);
        }

        /** @param issuer null for the simulator's own OIDC issuer */
        public Builder federatedCredential(String tenant, String clientId, String issuer, String subject, String audience) {
            federatedCredentials.add(new FederatedCredential(requireName(tenant), requireName(clientId), issuer,
                    requireName(subject), requireName(audience)));
            return this;
        }

        /** The user every PAT belongs to (shown as CreatedBy/ChangedBy). */
        public Builder identity(String displayName, String uniqueName) {
            this.identity = new Identity(requireName(displayName), requireName(uniqueName));
            return this;
        }

        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        /** 0 (the default) binds an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public SimulatorConfig build() {
            for (ProjectSeed p : projects) {
                if (!accounts.containsKey(p.account().toLowerCase(java.util.Locale.ROOT))) {
                    throw new IllegalArgumentException("project '" + p.name() + "' names unknown organization or collection '" + p.account() + "'");
                }
            }
            return new SimulatorConfig(this);
        }

        private static String requireName(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a name or secret must not be blank");
            }
            return value;
        }
    }

    /** Turns the seed JSON into a config, naming the JSON pointer of anything wrong. */
    private record SeedReader(Path file, JsonNode root) {
        SimulatorConfig read() throws IOException {
            Builder b = builder();
            try {
                requireObject(root, "");
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                    String key = it.next().getKey();
                    if (!List.of("organizations", "collections", "pats", "servicePrincipals", "managedIdentities",
                            "identityHeader", "federatedCredentials", "identity", "https", "port").contains(key)) {
                        throw error("/" + key, "unknown key");
                    }
                }
                readAccounts(b, root.path("organizations"), "/organizations", false);
                readAccounts(b, root.path("collections"), "/collections", true);
                JsonNode pats = root.path("pats");
                for (int i = 0; i < pats.size(); i++) {
                    String at = "/pats/" + i;
                    PatState state = PatState.VALID;
                    if (pats.get(i).has("state")) {
                        try {
                            state = PatState.valueOf(text(pats.get(i), "state", at));
                        } catch (IllegalArgumentException e) {
                            throw error(at + "/state", "expected one of " + List.of(PatState.values()));
                        }
                    }
                    b.pat(text(pats.get(i), "token", at), state);
                }
                JsonNode sps = root.path("servicePrincipals");
                for (int i = 0; i < sps.size(); i++) {
                    String at = "/servicePrincipals/" + i;
                    JsonNode sp = sps.get(i);
                    if (sp.has("certificatePem")) {
                        b.servicePrincipalCertificate(text(sp, "tenant", at), text(sp, "clientId", at), certificate(text(sp, "certificatePem", at), at + "/certificatePem"));
                    } else {
                        b.servicePrincipal(text(sp, "tenant", at), text(sp, "clientId", at), text(sp, "clientSecret", at));
                    }
                }
                JsonNode mis = root.path("managedIdentities");
                for (int i = 0; i < mis.size(); i++) {
                    String at = "/managedIdentities/" + i;
                    if (mis.get(i).path("systemAssigned").asBoolean(false)) {
                        b.systemAssignedIdentity(text(mis.get(i), "clientId", at));
                    } else {
                        b.userAssignedIdentity(text(mis.get(i), "clientId", at), text(mis.get(i), "resourceId", at));
                    }
                }
                if (root.has("identityHeader")) {
                    b.identityHeader(text(root, "identityHeader", ""));
                }
                JsonNode feds = root.path("federatedCredentials");
                for (int i = 0; i < feds.size(); i++) {
                    String at = "/federatedCredentials/" + i;
                    JsonNode f = feds.get(i);
                    b.federatedCredential(text(f, "tenant", at), text(f, "clientId", at),
                            f.has("issuer") ? text(f, "issuer", at) : null, text(f, "subject", at),
                            f.has("audience") ? text(f, "audience", at) : FederatedCredential.DEFAULT_AUDIENCE);
                }
                if (root.has("identity")) {
                    b.identity(text(root.get("identity"), "displayName", "/identity"), text(root.get("identity"), "uniqueName", "/identity"));
                }
                b.https(root.path("https").asBoolean(false));
                b.port(root.path("port").asInt(0));
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
        }

        private void readAccounts(Builder b, JsonNode list, String at, boolean server) throws IOException {
            for (int i = 0; i < list.size(); i++) {
                String here = at + "/" + i;
                JsonNode acc = list.get(i);
                requireObject(acc, here);
                String name = text(acc, "name", here);
                if (server) {
                    String v = text(acc, "serverVersion", here);
                    try {
                        b.collection(name, ServerVersion.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw error(here + "/serverVersion", "expected V2019, V2020 or V2022");
                    }
                } else {
                    b.organization(name);
                }
                JsonNode projects = acc.path("projects");
                for (int j = 0; j < projects.size(); j++) {
                    String p = here + "/projects/" + j;
                    Process process;
                    try {
                        process = Process.fromName(projects.get(j).path("process").asText("Agile"));
                    } catch (IllegalArgumentException e) {
                        throw error(p + "/process", e.getMessage());
                    }
                    b.project(name, text(projects.get(j), "name", p), process);
                }
            }
        }

        private X509Certificate certificate(String pem, String at) throws IOException {
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            } catch (CertificateException | IllegalArgumentException e) {
                throw error(at, "not a PEM X.509 certificate");
            }
        }

        private String text(JsonNode node, String key, String at) throws IOException {
            JsonNode v = node.get(key);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw error(at + "/" + key, "expected a non-empty string");
            }
            return v.asText();
        }

        private void requireObject(JsonNode node, String at) throws IOException {
            if (!node.isObject()) {
                throw error(at.isEmpty() ? "/" : at, "expected an object");
            }
        }

        private IOException error(String pointer, String reason) {
            return new IOException(file + " at " + pointer + ": " + reason);
        }
    }
}
