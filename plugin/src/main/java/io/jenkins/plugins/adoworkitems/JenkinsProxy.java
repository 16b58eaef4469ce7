package io.jenkins.plugins.adoworkitems;

import hudson.ProxyConfiguration;
import hudson.Util;
import hudson.util.Secret;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import java.io.IOException;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;

/**
 * Jenkins' own proxy (Manage Jenkins » System » HTTP Proxy Configuration) for the Azure DevOps client and Entra ID,
 * so an administrator sets it once for every plugin. Without one, core falls back to the JVM's proxy properties.
 */
public final class JenkinsProxy {
    private JenkinsProxy() {
    }

    public static ClientSettings apply(ClientSettings settings) {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null || Util.fixEmptyAndTrim(proxy.getName()) == null) {
            return settings;
        }
        String user = Util.fixEmptyAndTrim(proxy.getUserName());
        PasswordAuthentication login = user == null ? null
                : new PasswordAuthentication(user, Secret.toString(proxy.getSecretPassword()).toCharArray());
        return settings.withProxy(new Selector(proxy), login);
    }

    /** Jenkins' proxy password, if it has one: a secret of every run, for the build log's redaction. */
    public static String password() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        return proxy == null ? "" : Secret.toString(proxy.getSecretPassword());
    }

    /** The no-proxy hosts are Jenkins' to judge: {@link ProxyConfiguration#createProxy(String)} applies them. */
    private static final class Selector extends ProxySelector {
        private final ProxyConfiguration proxy;

        Selector(ProxyConfiguration proxy) {
            this.proxy = proxy;
        }

        @Override
        public List<Proxy> select(URI uri) {
            String host = uri.getHost();
            return List.of(proxy.createProxy(host == null ? null : host.toLowerCase(Locale.ROOT)));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            // Nothing to learn: the client reports the failure with the URL and the fix.
        }
    }
}
