package io.jenkins.plugins.adoworkitems.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JellyMessageKeysTest {

    private static final Path PLUGIN_RESOURCES = Path.of(System.getProperty("plugin.resources", "../plugin/src/main/resources"));

    @Test
    void everyMessageKeyOfThePluginsViewsIsOneStaplerReadsAsWritten() throws IOException {
        assertThat(PLUGIN_RESOURCES.resolve("index.jelly")).exists();
        assertThat(JellyMessageKeys.checkTree(PLUGIN_RESOURCES)).isEmpty();
    }

    /** The labels a real Jenkins 2.541.3 refused or misread (issue 11): each one is reported. */
    @ParameterizedTest
    @ValueSource(strings = {
        "%Allow http and private addresses (for on-premises and test servers)",
        "%Directory (tenant) id",
        "%Application (client) id",
        "%Trusted certificates (PEM)",
        "%Description (HTML)",
        "%Unclosed(argument",
        "% ",
    })
    void labelsStaplerCannotReadAsWrittenAreReported(String expression) {
        assertThat(JellyMessageKeys.problem(expression)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "%Name",
        "%Organization or collection URL",
        "%Testing...",
        "%api-version",
        "%Created(it.count)",
        "%Opened(it.count, h.getRelativeLinkTo(it.item), 'x, y')",
        "%Total(12)",
    })
    void plainKeysAndRealArgumentsPass(String expression) {
        assertThat(JellyMessageKeys.problem(expression)).isEmpty();
    }

    @Test
    void problemsNameTheFileLineAndColumnAndSkipComments(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path view = dir.resolve("config.jelly");
        Files.writeString(view, """
                <?jelly escape-by-default='true'?>
                <j:jelly xmlns:j="jelly:core" xmlns:f="/lib/form">
                  <!-- ${%Commented out (ignored)} -->
                  <f:entry title="${%Name}" field="name"/>
                    <f:entry title="${%Trusted certificates (PEM)}" field="pem"/>
                </j:jelly>
                """);

        List<JellyMessageKeys.Problem> problems = JellyMessageKeys.checkTree(dir);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.column()).isEqualTo(21);
            assertThat(problem.toString()).startsWith(view + ":5:21: ${%Trusted certificates (PEM)}: ")
                    .contains("\"Trusted certificates \"");
        });
    }
}
