package io.jenkins.plugins.adoworkitems;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import jenkins.model.Jenkins;

/**
 * The one place form endpoints ask for permission. Global forms need {@link Jenkins#ADMINISTER}; forms inside a
 * job or folder need {@link Item#CONFIGURE} on it. PluginArchitectureTest checks that every endpoint calls this class.
 */
public final class FormAccess {
    private FormAccess() {
    }

    /** Whether the current user may configure here; endpoints answer "ok" or an empty list without it. */
    public static boolean canConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** For endpoints that act (test a connection, fetch a token): refuse with 403 instead of answering. */
    public static void checkConfigure(@CheckForNull Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    /** Whether credentials may be listed here (credentials-plugin docs/consumer.adoc); else only the current id. */
    public static boolean canListCredentials(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
