package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each rule of the URL policy; addresses are IP literals, so nothing is resolved or contacted. */
class UrlPolicyTest {
    private static void assertBlocked(UrlPolicy policy, String url, String reason) {
        assertThatThrownBy(() -> policy.check(URI.create(url))).isInstanceOfSatisfying(AdoException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.BASE_URL_BLOCKED))
                .hasMessageContaining(reason);
    }

    @Test
    void plainHttpNeedsTheOptIn() throws Exception {
        assertBlocked(UrlPolicy.strict(), "http://8.8.8.8/tfs/DefaultCollection", "plain http");
        assertThatCode(() -> new UrlPolicy(true, false).check(URI.create("http://8.8.8.8/tfs/DefaultCollection")))
                .doesNotThrowAnyException();
    }

    @Test
    void otherSchemesAreRefused() {
        assertBlocked(new UrlPolicy(true, true), "ftp://8.8.8.8/x", "only https");
    }

    @Test
    void credentialsInsideTheUrlAreRefusedAndNotRepeated() {
        assertThatThrownBy(() -> new UrlPolicy(true, true).check(URI.create("https://user:hunter2@8.8.8.8/org")))
                .isInstanceOf(AdoException.class).hasMessageContaining("credentials before the host")
                .hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/org", "https://[::1]/org", "https://10.1.2.3/org",
            "https://192.168.0.10/org", "https://172.16.5.4/org", "https://169.254.169.254/latest/meta-data",
            "https://[fe80::1]/org", "https://[fd00::1]/org", "https://100.64.0.1/org", "https://0.0.0.0/org"})
    void internalAddressesAreRefused(String url) {
        assertBlocked(UrlPolicy.strict(), url, "internal address");
    }

    @Test
    void internalAddressesPassWithTheOptIn() {
        assertThatCode(() -> UrlPolicy.onPremises(false).check(URI.create("https://10.1.2.3/tfs/DefaultCollection")))
                .doesNotThrowAnyException();
    }

    @Test
    void publicAddressesPass() {
        assertThatCode(() -> UrlPolicy.strict().check(URI.create("https://13.107.6.183/org"))).doesNotThrowAnyException();
    }

    /**
     * Behind a proxy on a network without outside DNS, the proxy resolves: a name is judged as a name and never
     * resolved here (this machine resolves none of these), while literals and private names are still refused.
     */
    @Test
    void throughAProxyTheNameIsJudgedWithoutResolvingIt() {
        assertThatCode(() -> UrlPolicy.strict().check(URI.create("https://dev.azure.com/contoso"), true))
                .doesNotThrowAnyException();
        assertThatCode(() -> UrlPolicy.strict().check(URI.create("https://ado.not-resolvable-from-here.example.com/tfs"), true))
                .doesNotThrowAnyException();
        for (String url : new String[] {"https://localhost/org", "https://ado.localhost/org", "https://tfs.corp/org",
                "https://metadata.google.internal/computeMetadata", "https://nas.local/org", "https://printer.home.arpa/x"}) {
            assertThatThrownBy(() -> UrlPolicy.strict().check(URI.create(url), true)).as(url)
                    .isInstanceOfSatisfying(AdoException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                            .isEqualTo(ErrorCode.BASE_URL_BLOCKED)).hasMessageContaining("private or special use");
        }
        // A proxy may read these as 127.0.0.1; java.net.URI already finds no host name in the last two.
        for (String url : new String[] {"https://2130706433/org", "https://0x7f.1/org", "https://127.1/org"}) {
            assertThatThrownBy(() -> UrlPolicy.strict().check(URI.create(url), true)).as(url)
                    .isInstanceOfSatisfying(AdoException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code())
                            .isEqualTo(ErrorCode.BASE_URL_BLOCKED));
        }
        assertThatThrownBy(() -> UrlPolicy.strict().check(URI.create("https://2130706433/org"), true))
                .hasMessageContaining("a number that a proxy may read as an address");
        assertBlockedViaProxy("https://169.254.169.254/latest/meta-data");
        assertBlockedViaProxy("https://[::ffff:127.0.0.1]/org");
        assertThatCode(() -> UrlPolicy.onPremises(false).check(URI.create("https://tfs.corp/DefaultCollection"), true))
                .doesNotThrowAnyException();
    }

    private static void assertBlockedViaProxy(String url) {
        assertThatThrownBy(() -> UrlPolicy.strict().check(URI.create(url), true)).as(url)
                .isInstanceOf(AdoException.class).hasMessageContaining("internal address");
    }
}
