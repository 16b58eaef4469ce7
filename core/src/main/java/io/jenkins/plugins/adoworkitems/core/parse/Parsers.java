package io.jenkins.plugins.adoworkitems.core.parse;

import io.jenkins.plugins.adoworkitems.core.parse.sarif.SarifParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.DependencyCheckParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.GitLabParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.GitleaksParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.GrypeParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.NpmAuditParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.SemgrepParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.SnykParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.TrivyParser;
import io.jenkins.plugins.adoworkitems.core.parse.scanner.ZapParser;

import java.util.List;

/** Every parser, in detection order: SARIF first, since many scanners write it and name themselves inside. */
public final class Parsers {
    private static final List<ReportParser> ALL = List.of(
            new SarifParser(),
            new TrivyParser(),
            new GrypeParser(),
            new DependencyCheckParser(),
            new SnykParser(),
            new ZapParser(),
            new SemgrepParser(),
            new GitleaksParser(),
            new NpmAuditParser(),
            new GitLabParser());

    private Parsers() {
    }

    public static List<ReportParser> all() {
        return ALL;
    }

    public static ReportParser forFormat(ReportFormat format) {
        return ALL.stream().filter(parser -> parser.format() == format).findFirst()
                .orElseThrow(() -> new IllegalStateException("No parser for " + format));
    }
}
