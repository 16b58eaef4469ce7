package io.jenkins.plugins.adoworkitems.core.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * What a secret must be before anything sends it: present, and one line. A control character (a line break from a
 * copy, a NUL) cannot travel in an HTTP header, and the JDK's refusal would quote the whole header value, so it is
 * refused here first, by a message that names the character and not the secret.
 */
final class SecretText {
    private SecretText() {
    }

    static void require(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("The " + name + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("The " + name + " contains a control character ("
                        + String.format(Locale.ROOT, "U+%04X", (int) c) + (c == '\n' || c == '\r' ? ", a line break" : "")
                        + "), which an HTTP header cannot carry; copy it again as one line");
            }
        }
    }
}
