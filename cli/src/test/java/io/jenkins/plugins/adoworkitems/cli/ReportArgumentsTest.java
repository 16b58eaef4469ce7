package io.jenkins.plugins.adoworkitems.cli;

import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportArgumentsTest {
    @TempDir
    Path base;

    private void file(String name) throws IOException {
        Path path = base.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "{}");
    }

    @Test
    void filesDirectoriesAndPatternsEachOnceInTheOrderGiven() throws Exception {
        file("reports/a.sarif");
        file("reports/sub/b.sarif");
        file("reports/c.json");
        file("trivy.json");

        List<ReportInput> inputs = ReportArguments.resolve(List.of("trivy.json", "reports/**/*.sarif", "reports"), base);

        assertThat(inputs).extracting(ReportInput::name).first().isEqualTo("trivy.json");
        assertThat(inputs).extracting(input -> input.path().getFileName().toString())
                .containsExactlyInAnyOrder("trivy.json", "a.sarif", "b.sarif", "c.json");
        assertThat(inputs.subList(1, 3)).extracting(input -> input.path().getFileName().toString())
                .containsExactlyInAnyOrder("a.sarif", "b.sarif");
    }

    @Test
    void aPatternMatchingNothingIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ReportArguments.resolve(List.of("reports/**/*.sarif"), base))
                .isInstanceOf(IOException.class).hasMessageContaining("reports/**/*.sarif");
    }
}
