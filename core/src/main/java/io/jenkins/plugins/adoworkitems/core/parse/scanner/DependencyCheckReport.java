package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import java.util.List;

/**
 * What {@link DependencyCheckParser} needs from a Dependency-Check report, the same for its XML and JSON
 * forms, so that both become findings in one way.
 *
 * @param project {@code projectInfo/name}, the name the scan was given ({@code --project}), or empty
 */
record DependencyCheckReport(String engineVersion, String project, List<Dependency> dependencies) {

    /**
     * @param purls package URLs from the dependency's packages ({@code pkg:maven/g/a@v})
     * @param mavenCoordinates {@code g:a:v} from old (1.x schema) maven identifiers
     */
    record Dependency(String fileName, String filePath, List<String> purls, List<String> mavenCoordinates,
                      List<Vulnerability> vulnerabilities) {
        /** What tells dependencies apart when comparing entries for duplicates. */
        String identity() {
            return fileName + "\n" + filePath + "\n" + purls + "\n" + mavenCoordinates;
        }
    }

    /**
     * @param score CVSS v3 base score, else v2 score, else null
     * @param canonical the entry's whole content, for duplicate detection
     */
    record Vulnerability(String name, String source, String severity, Double score, List<String> cwes,
                         String description, List<String> referenceUrls, boolean suppressed, String canonical) {
        Vulnerability {
            name = name.strip();
            source = source.strip();
            severity = severity.strip();
        }
    }

    /** A score as written, or null when absent or not a number. */
    static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
