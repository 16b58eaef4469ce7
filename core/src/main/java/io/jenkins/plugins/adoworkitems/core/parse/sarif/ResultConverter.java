package io.jenkins.plugins.adoworkitems.core.parse.sarif;

import io.jenkins.plugins.adoworkitems.core.finding.BaselineState;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.finding.Identifier;
import io.jenkins.plugins.adoworkitems.core.finding.Rule;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.ParseSummary;

/**
 * Turns one SARIF {@code result}, as {@link ResultReader} read it, into a {@link Finding}, using its run's
 * metadata. Stateless.
 */
final class ResultConverter {
    private ResultConverter() {
    }

    /** Whether a result is a finding at all: {@code pass} and {@code notApplicable} say nothing is wrong. */
    static boolean isNoProblem(SarifResult result) {
        return "pass".equals(result.kind()) || "notApplicable".equals(result.kind());
    }

    static Finding convert(SarifResult result, RunMetadata run, ParseSummary.Counter counter) {
        String ruleId = result.ruleId();
        SarifRule sarifRule = run.rule(ruleId, result.ruleIndex(), result.component());
        Rule rule = rule(ruleId, sarifRule);

        Finding.Builder finding = Finding.builder().tool(run.tool()).rule(rule).suppressed(result.suppressed())
                .baselineState(BaselineState.parse(result.baselineState()));
        finding.target(run.target());
        String kind = result.kind();
        String level = level(result.level(), kind, sarifRule);
        finding.kind(kind).level(level);

        String securitySeverity = result.securitySeverity();
        Double score = SarifRule.score(securitySeverity);
        if (securitySeverity.isEmpty() && sarifRule != null) {
            securitySeverity = sarifRule.securitySeverity();
            score = sarifRule.score();
        }
        if (score != null) {
            finding.score(score).severity(Severity.fromScore(score)).originalSeverity(securitySeverity);
        } else {
            finding.severity(counter.severity(level)).originalSeverity(level);
        }

        finding.message(message(result.message(), sarifRule, rule));
        result.locations().forEach(finding::location);
        result.relatedLocations().forEach(finding::relatedLocation);

        for (String cwe : rule.cwes()) {
            finding.identifier(new Identifier("CWE", cwe));
        }
        for (Taxonomies.Reference taxon : result.taxa()) {
            run.taxonomies().cwe(taxon).ifPresent(cwe -> finding.identifier(new Identifier("CWE", cwe)));
        }
        Identifier ruleIdentifier = sarifRule != null && rule == sarifRule.rule() ? sarifRule.identifier()
                : SarifRule.identifier(rule.id());
        if (ruleIdentifier != null) {
            finding.identifier(ruleIdentifier);
        }

        if (sarifRule != null) {
            sarifRule.properties().forEach(finding::property);
        }
        result.properties().forEach(finding::property);
        result.fingerprints().forEach(finding::toolFingerprint);
        return finding.build();
    }

    /** The run's rule, under the result's own id when that is more specific (a hierarchical sub-rule). */
    private static Rule rule(String ruleId, SarifRule sarifRule) {
        if (sarifRule == null) {
            return Rule.of(ruleId);
        }
        Rule rule = sarifRule.rule();
        if (ruleId.isEmpty() || ruleId.equals(rule.id())) {
            return rule;
        }
        return new Rule(ruleId, rule.name(), rule.shortDescription(), rule.fullDescription(), rule.helpUri(),
                rule.helpText(), rule.tags(), rule.cwes());
    }

    /** SARIF §3.27.10: the result's level, else the rule's default, else by kind. */
    private static String level(String resultLevel, String kind, SarifRule rule) {
        String level = resultLevel;
        if (level.isEmpty() && rule != null) {
            level = rule.defaultLevel();
        }
        if (level.isEmpty()) {
            level = kind.isEmpty() || "fail".equals(kind) ? "warning" : "none";
        }
        return level;
    }

    /**
     * The message's text or markdown, else the rule's message string its {@code id} names; arguments fill
     * the placeholders. Text without arguments is left alone: many tools write literal braces into it.
     * Without any message the rule's short, then full description stands in.
     */
    private static String message(SarifResult.Message message, SarifRule sarifRule, Rule rule) {
        String text = message.text();
        boolean template = !message.arguments().isEmpty();
        if (text.isEmpty() && sarifRule != null) {
            text = sarifRule.messageStrings().getOrDefault(message.id(), "");
            template = true;
        }
        if (text.isEmpty()) {
            return rule.shortDescription().isEmpty() ? rule.fullDescription() : rule.shortDescription();
        }
        return template ? MessageTemplate.format(text, message.arguments()) : text;
    }
}
