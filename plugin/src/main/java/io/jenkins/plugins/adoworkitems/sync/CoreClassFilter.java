package io.jenkins.plugins.adoworkitems.sync;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import io.jenkins.plugins.adoworkitems.core.parse.WireClasses;
import jenkins.security.CustomClassFilter;

/**
 * Lets core's report data back from an agent. JEP-200 rejects every class from a jar in a plugin's
 * {@code WEB-INF/lib} unless that jar is a plugin or says it is safe in its manifest, so without this filter a scan
 * on an agent fails when the controller reads the {@link ReportScanner}'s answer. Exactly the classes of a
 * {@code ReadResult} ({@link WireClasses}: records and enums, no custom deserialization) are permitted, and only
 * our own copy of them; nothing of ours is saved in build.xml through core classes.
 */
@Extension
public final class CoreClassFilter implements CustomClassFilter {
    @CheckForNull
    @Override
    public Boolean permits(Class<?> c) {
        boolean ours = c.getClassLoader() == CoreClassFilter.class.getClassLoader() && WireClasses.OF_SCREENED_SCAN.contains(c);
        // null, not false: other classes keep the decision of Jenkins' own filter.
        return ours ? Boolean.TRUE : null;
    }
}
