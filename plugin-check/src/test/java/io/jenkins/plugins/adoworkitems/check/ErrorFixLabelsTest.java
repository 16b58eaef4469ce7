package io.jenkins.plugins.adoworkitems.check;

import io.jenkins.plugins.adoworkitems.core.ado.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's fix texts are shown in Jenkins too, and name the connection's options by their labels: a label renamed
 * in the view would leave the fix pointing at an option nobody can find.
 */
class ErrorFixLabelsTest {
    private static final Path CONNECTION_VIEW = Path.of(System.getProperty("plugin.resources", "../plugin/src/main/resources"),
            "io", "jenkins", "plugins", "adoworkitems", "config", "Connection", "config.jelly");

    @Test
    void theUrlPolicysWayOutNamesTheConnectionsCheckboxesAsLabelled() throws IOException {
        String view = Files.readString(CONNECTION_VIEW);
        List<String> labels = new ArrayList<>();
        Matcher quoted = Pattern.compile("'(Allow [^']+)'").matcher(ErrorCode.BASE_URL_BLOCKED.fix());
        while (quoted.find()) {
            labels.add(quoted.group(1));
        }

        assertThat(labels).hasSize(2);
        assertThat(labels).allSatisfy(label -> assertThat(view).contains("<f:checkbox title=\"${%" + label));
    }
}
