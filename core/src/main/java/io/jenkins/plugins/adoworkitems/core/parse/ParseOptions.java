package io.jenkins.plugins.adoworkitems.core.parse;

/**
 * How to parse. The limits protect the Jenkins controller and agents from hostile or broken reports.
 *
 * @param includeSuppressed keep findings the tool marked suppressed (default: skip and count them)
 * @param maxNestingDepth deepest JSON or XML nesting accepted; real reports stay far below it
 * @param maxStringLength longest single JSON string accepted, in characters
 * @param maxTreeBytes largest file a non-streaming parser reads into memory; SARIF streams and ignores it
 */
public record ParseOptions(boolean includeSuppressed, int maxNestingDepth, int maxStringLength, long maxTreeBytes) {

    public static final ParseOptions DEFAULTS = new ParseOptions(false, 200, 16 * 1024 * 1024, 512L * 1024 * 1024);

    public ParseOptions withIncludeSuppressed(boolean value) {
        return new ParseOptions(value, maxNestingDepth, maxStringLength, maxTreeBytes);
    }
}
