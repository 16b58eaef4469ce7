package io.jenkins.plugins.adoworkitems.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFileTest {
    @Test
    void readsOrganizationsCollectionsAndPats(@TempDir Path dir) throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.json"), "{\"organizations\":[{\"name\":\"acme\",\"projects\":[{\"name\":\"Web\",\"process\":\"Scrum\"}]}],"
                + "\"collections\":[{\"name\":\"DefaultCollection\",\"serverVersion\":\"V2022\",\"projects\":[{\"name\":\"Legacy\",\"process\":\"CMMI\"}]}],"
                + "\"pats\":[{\"token\":\"t1\"},{\"token\":\"t2\",\"state\":\"EXPIRED\"}]}");
        try (AdoSimulator sim = AdoSimulator.start(SimulatorConfig.fromSeedFile(seed))) {
            Http.Answer a = new Http(sim, "t1").get(sim.collectionUrl("DefaultCollection") + "/_apis/projects?api-version=7.1");
            assertThat(a.json().get("value").get(0).get("name").asText()).isEqualTo("Legacy");
            assertThat(new Http(sim, "t2").get(sim.organizationUrl("acme") + "/_apis/projects?api-version=7.1").status()).isEqualTo(401);
        }
    }

    @Test
    void badSeedNamesFileAndPointer(@TempDir Path dir) throws Exception {
        Path seed = Files.writeString(dir.resolve("bad.json"), "{\"organizations\":[{\"name\":\"acme\",\"projects\":[{\"name\":\"Web\",\"process\":\"Waterfall\"}]}]}");
        assertThatThrownBy(() -> SimulatorConfig.fromSeedFile(seed)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad.json").hasMessageContaining("/organizations/0/projects/0/process").hasMessageContaining("Waterfall");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\n  \"pats\": [\n");
        assertThatThrownBy(() -> SimulatorConfig.fromSeedFile(broken)).isInstanceOf(IOException.class).hasMessageContaining("broken.json at line");
    }
}
