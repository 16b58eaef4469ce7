package io.jenkins.plugins.adoworkitems.core.finding;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.StringLength;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the fingerprint scheme over generated inputs (docs/fingerprints.md). */
class FingerprintPropertiesTest {
    private static final Tool TOOL = new Tool("Semgrep", "1.0");

    @Property
    void whitespaceInSnippetsDoesNotChangeTheIdentity(@ForAll @NotBlank @StringLength(max = 40) @AlphaChars String word,
                                                     @ForAll("whitespace") String before, @ForAll("whitespace") String between) {
        String compact = word + " " + word;
        String spaced = before + word + between + word + before;
        assertThat(of("rule", "src/a.py", compact)).isEqualTo(of("rule", "src/a.py", spaced));
    }

    @Property
    void differentRulesOrPathsGiveDifferentIdentities(@ForAll @NotBlank @AlphaChars String ruleA,
                                                      @ForAll @NotBlank @AlphaChars String ruleB,
                                                      @ForAll @NotBlank @AlphaChars String path) {
        if (!ruleA.equals(ruleB)) {
            assertThat(of(ruleA, path, "x = 1")).isNotEqualTo(of(ruleB, path, "x = 1"));
        }
        assertThat(of(ruleA, path, "x = 1")).isNotEqualTo(of(ruleA, path + "/b", "x = 1"));
    }

    @Property
    void theValueIsAlways32HexCharacters(@ForAll String rule, @ForAll String path, @ForAll String snippet) {
        assertThat(of(rule, path, snippet).value()).matches("[0-9a-f]{32}");
    }

    @Property
    void toolFingerprintOrderDoesNotMatter(@ForAll @NotBlank @AlphaChars String a, @ForAll @NotBlank @AlphaChars String b) {
        Map<String, String> ordered = new java.util.LinkedHashMap<>();
        ordered.put("k1", a);
        ordered.put("k2", b);
        Map<String, String> reversed = new java.util.LinkedHashMap<>();
        reversed.put("k2", b);
        reversed.put("k1", a);
        assertThat(Fingerprints.of(TOOL, Rule.of("r"), Asset.NONE, List.of(), "", ordered))
                .isEqualTo(Fingerprints.of(TOOL, Rule.of("r"), Asset.NONE, List.of(), "", reversed));
    }

    @Property
    void whitespaceFoldingIsExactlyTheSchemesRegex(@ForAll("textWithWhitespace") String text) {
        assertThat(Fingerprints.normaliseWhitespace(text)).isEqualTo(text.strip().replaceAll("\\s+", " "));
    }

    @Provide
    Arbitrary<String> textWithWhitespace() {
        return Arbitraries.strings().withChars("ab \t\n\u000B\f\r\u00A0\u2003\u3000").ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> whitespace() {
        return Arbitraries.of(" ", "  ", "\t", "\n", " \r\n ", "\t\t");
    }

    private static Fingerprint of(String rule, String path, String snippet) {
        return Fingerprints.of(TOOL, Rule.of(rule), Asset.NONE, List.of(new Location(path, 3, 1, 3, 9, snippet, "")), "", Map.of());
    }
}
