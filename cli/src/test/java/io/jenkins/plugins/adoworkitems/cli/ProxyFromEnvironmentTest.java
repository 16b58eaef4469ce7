package io.jenkins.plugins.adoworkitems.cli;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyFromEnvironmentTest {
    private static Proxy chosen(ProxyFromEnvironment proxy, String url) {
        return proxy.selector().select(URI.create(url)).get(0);
    }

    @Test
    void noVariablesMeansNoProxy() {
        assertThat(ProxyFromEnvironment.read(Map.of("PATH", "/usr/bin"))).isEmpty();
    }

    @Test
    void httpsProxyCarriesItsDecodedLoginAndDefaultPort() {
        ProxyFromEnvironment proxy = ProxyFromEnvironment.read(Map.of("HTTPS_PROXY", "http://ci%2Dbot:s%40cr%3At+x@proxy.corp")).orElseThrow();

        assertThat(proxy.login().getUserName()).isEqualTo("ci-bot");
        assertThat(new String(proxy.login().getPassword())).isEqualTo("s@cr:t+x");
        Proxy https = chosen(proxy, "https://dev.azure.com/acme");
        assertThat(https.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) https.address()).getHostString()).isEqualTo("proxy.corp");
        assertThat(((InetSocketAddress) https.address()).getPort()).isEqualTo(80);
        // Only HTTPS_PROXY is set: a plain-http target goes direct, as with curl.
        assertThat(chosen(proxy, "http://tfs.corp/tfs/Default")).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxy.toString()).doesNotContain("s@cr").contains("with a login");
    }

    @Test
    void lowerCaseNamesAndASchemelessValueAreRead() {
        ProxyFromEnvironment proxy = ProxyFromEnvironment.read(Map.of("https_proxy", "proxy.corp:3128",
                "http_proxy", "http://other:8080")).orElseThrow();

        assertThat(((InetSocketAddress) chosen(proxy, "https://dev.azure.com/x").address()).getPort()).isEqualTo(3128);
        assertThat(((InetSocketAddress) chosen(proxy, "http://tfs.corp/tfs/x").address()).getHostString()).isEqualTo("other");
        assertThat(proxy.login()).isNull();
    }

    @Test
    void noProxyMatchesHostsAndTheirSubdomainsLikeCurl() {
        ProxyFromEnvironment proxy = ProxyFromEnvironment.read(Map.of("HTTPS_PROXY", "http://proxy:3128",
                "NO_PROXY", "localhost, .corp.example,*.svc, tfs.lan:8443 ,")).orElseThrow();

        assertThat(proxy.excluded("localhost")).isTrue();
        assertThat(proxy.excluded("ado.corp.example")).isTrue();
        assertThat(proxy.excluded("corp.example")).isTrue();
        assertThat(proxy.excluded("a.b.svc")).isTrue();
        assertThat(proxy.excluded("TFS.lan")).isTrue();
        assertThat(proxy.excluded("notcorp.example")).isFalse();
        assertThat(proxy.excluded("dev.azure.com")).isFalse();
        assertThat(chosen(proxy, "https://ado.corp.example/tfs/x")).isEqualTo(Proxy.NO_PROXY);
        assertThat(ProxyFromEnvironment.read(Map.of("HTTPS_PROXY", "proxy:1", "NO_PROXY", "*")).orElseThrow()
                .excluded("dev.azure.com")).isTrue();
    }

    @Test
    void aValueThatIsNoProxyUrlIsBadInputWithTheLoginHidden() {
        assertThatThrownBy(() -> ProxyFromEnvironment.read(Map.of("HTTPS_PROXY", "https://u:topsecret@proxy:443")))
                .isInstanceOfSatisfying(CommandFailure.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains("HTTPS_PROXY", "https://****@proxy:443").doesNotContain("topsecret");
                });
    }
}
