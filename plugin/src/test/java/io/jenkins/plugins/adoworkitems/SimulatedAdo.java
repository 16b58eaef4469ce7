package io.jenkins.plugins.adoworkitems;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.Secret;
import io.jenkins.plugins.adoworkitems.config.AdoWorkItemsConfiguration;
import io.jenkins.plugins.adoworkitems.config.Connection;
import io.jenkins.plugins.adoworkitems.config.WorkItemTemplate;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The loopback Azure DevOps simulator (organization "demo", Agile project "Demo", PAT "sim-pat") wired into
 * Jenkins as a connection "sim", a secret text "sim-pat" and a template "security-bugs" creating Bugs.
 */
final class SimulatedAdo implements AutoCloseable {
    static final String SARIF = readSample();
    /** What examples/codeql-webapp.sarif holds: six results, one of them suppressed. */
    static final int FINDINGS = 5;

    final AdoSimulator simulator;

    SimulatedAdo() throws IOException {
        this(false);
    }

    /**
     * @param https serve https with a self-signed certificate, which only the connection's trusted certificates make
     *              trusted (the JVM does not trust it)
     */
    SimulatedAdo(boolean https) throws IOException {
        this(https, builder -> { });
    }

    /** @param identities adds Azure identities (managed identities, federated credentials) to the simulator */
    SimulatedAdo(boolean https, java.util.function.Consumer<SimulatorConfig.Builder> identities) throws IOException {
        SimulatorConfig.Builder builder = SimulatorConfig.builder().organization("demo")
                .project("demo", "Demo", Process.AGILE).pat("sim-pat", PatState.VALID).https(https);
        identities.accept(builder);
        simulator = AdoSimulator.start(builder.build());
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "sim-pat", "simulator token", Secret.fromString("sim-pat")));
        SystemCredentialsProvider.getInstance().save();
        Connection connection = new Connection("sim", simulator.organizationUrl("demo"));
        connection.setFlavour("services");
        connection.setCredentialsId("sim-pat");
        connection.setAllowHttp(true);
        connection.setAllowPrivateAddresses(true);
        if (https) {
            connection.setTrustedCertificates(simulator.certificatePem());
        }
        WorkItemTemplate template = new WorkItemTemplate("security-bugs", "Demo", "Bug");
        template.setTags("security, scanner");
        AdoWorkItemsConfiguration configuration = AdoWorkItemsConfiguration.get();
        configuration.setConnections(List.of(connection));
        configuration.setTemplates(List.of(template));
    }

    int writes() {
        return simulator.requestLog().writes();
    }

    @Override
    public void close() {
        simulator.close();
    }

    private static String readSample() {
        try (InputStream in = SimulatedAdo.class.getResourceAsStream("/examples/codeql-webapp.sarif")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
