package io.jenkins.plugins.adoworkitems.sync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import jenkins.security.CustomClassFilter;

/**
 * Lets core's report data back from an agent. JEP-200 rejects every class from a jar in a plugin's
 * {@code WEB-INF/lib} unless that jar is a plugin or says it is safe in its manifest, so without this filter a scan
 * on an agent fails when the controller reads the {@link ReportScanner}'s answer. Only our own copy of core's
 * {@code parse} and {@code finding} packages (records and enums, no custom deserialization) is permitted.
 */
@Extension
public final class CoreClassFilter implements CustomClassFilter {
    private static final String PARSE = "io.jenkins.plugins.adoworkitems.core.parse.";
    private static final String FINDING = "io.jenkins.plugins.adoworkitems.core.finding.";

    @CheckForNull
    @Override
    public Boolean permits(Class<?> c) {
        boolean ours = c.getClassLoader() == CoreClassFilter.class.getClassLoader()
                && (c.getName().startsWith(PARSE) || c.getName().startsWith(FINDING));
        // null, not false: other classes keep the decision of Jenkins' own filter.
        return ours ? Boolean.TRUE : null;
    }
}
