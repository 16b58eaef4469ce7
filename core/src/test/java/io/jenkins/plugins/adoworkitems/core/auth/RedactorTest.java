package io.jenkins.plugins.adoworkitems.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private static final String PAT = "5x3qkz7d2hvw4m6a9jtbr8cyn1pe0slfgou5x3qkz7d2hvw4m6a9";

    private static List<String> encodings(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>();
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            all.add(encoder.encodeToString(bytes));
            all.add(encoder.withoutPadding().encodeToString(bytes));
        }
        return all;
    }

    private static void assertGone(String redacted, String... secrets) {
        for (String secret : secrets) {
            assertThat(redacted).doesNotContain(secret);
        }
        assertThat(redacted).contains(Redactor.MASK);
    }

    @Test
    void masksTheRawSecretWherePrinted() {
        Redactor redactor = Redactor.of(new PersonalAccessToken(PAT));

        String line = redactor.redact("token " + PAT + " and again (" + PAT + ")");

        assertThat(line).isEqualTo("token **** and again (****)");
    }

    @Test
    void masksABasicHeaderOfAPatInBothAlphabetsWithAndWithoutPadding() {
        Redactor redactor = Redactor.of(new PersonalAccessToken(PAT));

        for (String encoded : encodings(":" + PAT)) {
            String line = redactor.redact("server said: Authorization=Basic " + encoded + "; retry");
            assertGone(line, encoded, PAT);
            assertThat(line).endsWith("; retry");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "u", "us", "usr", "user", "build-agent", "jenkins@example.com"})
    void masksTheSecretEncodedAfterAnyUserName(String user) {
        Redactor redactor = Redactor.none().withSecret(PAT);

        for (String encoded : encodings(user + ":" + PAT)) {
            // In free text too, where no "Authorization" label gives it away.
            String line = redactor.redact("echo {" + encoded + "} end");
            assertGone(line, encoded);
            assertThat(line).startsWith("echo {").endsWith("} end");
            String withoutPadding = encoded.replace("=", "");
            assertThat(line).doesNotContain(withoutPadding.substring(8, withoutPadding.length() - 4));
        }
    }

    @Test
    void masksTheSecretEncodedAlone() {
        Redactor redactor = Redactor.none().withSecret("client-secret-e41b9c");

        for (String encoded : encodings("client-secret-e41b9c")) {
            assertGone(redactor.redact("x " + encoded + " y"), encoded);
        }
    }

    @Test
    void aSecretWithALineBreakIsMaskedPieceByPiece() {
        Redactor redactor = Redactor.none().withSecret("first-half-91a2\nsecond-half-7c3d");

        String printed = redactor.redact("a first-half-91a2") + "\n" + redactor.redact("second-half-7c3d b");

        assertThat(printed).isEqualTo("a ****\n**** b");
    }

    @Test
    void masksTheUserInfoOfAnyUrlEvenWithoutKnowingIt() {
        Redactor none = Redactor.none();

        assertThat(none.redact("Azure DevOps: http://user:hunter2@127.0.0.1:8080/demo (services)"))
                .isEqualTo("Azure DevOps: http://****@127.0.0.1:8080/demo (services)");
        assertThat(none.redact("see https://host/path@v2 and mail bob@example.com")).isEqualTo(
                "see https://host/path@v2 and mail bob@example.com");
    }

    @Test
    void masksAKnownUrlPasswordAlsoWhereTheUrlIsMalformed() {
        String url = "http://user:pa%20ss word@host/tfs/x";
        Redactor redactor = Redactor.none().withUrl(url);

        assertThat(redactor.redact("malformed at index 17: " + url)).doesNotContain("pa%20ss word").doesNotContain("ss word");
        assertThat(redactor.redact("decoded: pa ss word")).doesNotContain("pa ss word");
        assertThat(Redactor.withoutUserInfo(url)).isEqualTo("http://****@host/tfs/x");
        assertThat(Redactor.withoutUserInfo("https://dev.azure.com/acme")).isEqualTo("https://dev.azure.com/acme");
    }

    @Test
    void masksAQuotedAuthorizationValueEvenWithoutKnowingIt() {
        Redactor none = Redactor.none();

        assertThat(none.redact("headers: {Authorization=Bearer eyJ0eXAi.abc.def, Accept=application/json}"))
                .isEqualTo("headers: {Authorization=Bearer ****, Accept=application/json}");
        assertThat(none.redact("\"authorization\": \"Basic OlNFQ1JFVA==\"")).isEqualTo("\"authorization\": \"Basic ****\"");
        assertThat(none.redact("Proxy-Authorization: Basic dXNlcjpwdw==")).isEqualTo("Proxy-Authorization: Basic ****");
        // Inside a JSON string an escaped quote ends the value and stays escaped, so the JSON stays valid.
        assertThat(none.redact("{\"m\":\"Authorization: abc\\\"x\"}")).isEqualTo("{\"m\":\"Authorization: ****\\\"x\"}");
    }

    @Test
    void anAuthorizationHeaderTeachesItsTokenAndBasicPassword() {
        String basic = Base64.getEncoder().encodeToString(("me:" + PAT).getBytes(StandardCharsets.UTF_8));

        Redactor redactor = Redactor.none().withAuthorization("Basic " + basic);

        assertThat(redactor.redact("echo " + basic + " " + PAT)).isEqualTo("echo **** ****");
        assertThat(Redactor.none().withAuthorization("Bearer entra-token-1234567").redact("t=entra-token-1234567"))
                .isEqualTo("t=****");
    }

    @Test
    void isAValueThatEachRunBuildsForItself() {
        Redactor base = Redactor.none();
        Redactor run = base.withSecret(PAT);

        assertThat(base.redact(PAT)).isEqualTo(PAT);
        assertThat(run.redact(PAT)).isEqualTo(Redactor.MASK);
        assertThat(run.toString()).doesNotContain(PAT);
        assertThat(run.redact(null)).isNull();
    }

    @Test
    void credentialsWithControlCharactersAreRefusedWithoutQuotingThem() {
        for (String bad : List.of("abc\ndef-secret", "abc\rdef-secret", "abc\u0000def-secret", "abc\u007fdef-secret",
                "abc\tdef-secret")) {
            assertThatThrownBy(() -> new BearerToken(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("control character").hasMessageNotContaining("def-secret")
                    .hasMessageNotContaining("abc");
            assertThatThrownBy(() -> new PersonalAccessToken(bad)).hasMessageContaining("personal access token")
                    .hasMessageNotContaining("def-secret");
            assertThatThrownBy(() -> new ServicePrincipalSecret("t", "c", bad)).hasMessageContaining("client secret")
                    .hasMessageNotContaining("def-secret");
        }
        assertThatThrownBy(() -> new BearerToken("abc\ndef")).hasMessageContaining("U+000A, a line break");
    }
}
