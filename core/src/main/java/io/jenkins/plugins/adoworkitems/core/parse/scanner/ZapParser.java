package io.jenkins.plugins.adoworkitems.core.parse.scanner;

import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.parse.ParseOptions;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;
import io.jenkins.plugins.adoworkitems.core.parse.ReportException;
import io.jenkins.plugins.adoworkitems.core.parse.ReportFormat;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ReportParser;

import java.util.function.Consumer;

/** Placeholder until the format is implemented: recognises nothing. */
public final class ZapParser implements ReportParser {
    @Override
    public ReportFormat format() {
        return ReportFormat.ZAP;
    }

    @Override
    public boolean recognises(String head) {
        return false;
    }

    @Override
    public ParseSummary parse(ReportInput input, ParseOptions options, Consumer<Finding> sink) throws ReportException {
        throw new ReportException(input.name(), "", "the ZAP format is not supported yet");
    }
}
