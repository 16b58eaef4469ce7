package io.jenkins.plugins.adoworkitems.core.parse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a parser did with one report besides emitting findings: the counts users see (docs/formats.md) and
 * warnings worth printing (an unsupported but readable version, an unknown severity label…).
 *
 * @param findings findings emitted
 * @param suppressed findings the tool marked suppressed and that were skipped
 * @param absent SARIF results with {@code baselineState: absent} (fixed since the baseline), skipped
 * @param duplicates identical entries merged into one finding
 * @param ignored entries that are not findings by our counting rules (Trivy PASS checks, npm indirect entries…)
 */
public record ParseSummary(int findings, int suppressed, int absent, int duplicates, int ignored,
                           List<String> warnings) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ParseSummary {
        warnings = List.copyOf(warnings);
    }

    /** Mutable counts a parser keeps while it reads. */
    public static final class Counter {
        private int findings;
        private int suppressed;
        private int absent;
        private int duplicates;
        private int ignored;
        private final List<String> warnings = new ArrayList<>();

        public void finding() {
            findings++;
        }

        public void suppressed() {
            suppressed++;
        }

        public void absent() {
            absent++;
        }

        public void duplicate() {
            duplicates++;
        }

        public void ignored() {
            ignored++;
        }

        public void warning(String text) {
            warnings.add(text);
        }

        public ParseSummary summary() {
            return new ParseSummary(findings, suppressed, absent, duplicates, ignored, warnings);
        }
    }
}
