package io.jenkins.plugins.adoworkitems.core.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets of one run and the one place where text meant for a person loses them: every line the CLI prints and
 * every line a build log gets passes through {@link #redact(String)}. A value: {@code with…} returns a new redactor,
 * so each run builds its own and nothing is shared between runs.
 *
 * <p>A secret is masked as written and as it travels in headers: base64 in the standard and the URL-safe alphabet,
 * with or without padding, alone or after any prefix ({@code ":" + pat} is a PAT's Basic header,
 * {@code "user:" + pat} another client's). Base64 of a secret after an unknown prefix differs only in the characters
 * that straddle the prefix, so each of the three alignments yields a fixed middle; a text holding one has the whole
 * base64 word around it masked. Whatever the secrets, two shapes are always masked: the user info of a URL
 * ({@code https://user:password@host}) and the value of an {@code Authorization} header quoted in an error text.
 */
public final class Redactor {
    /** What stands in for a secret. */
    public static final String MASK = "****";

    /** Shorter secrets are not searched for as text: masking every "abc" would garble the output and hide nothing. */
    private static final int MIN_SECRET = 4;
    /** Shorter base64 middles match too much unrelated text. */
    private static final int MIN_ENCODED = 8;
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s]*@");
    private static final Pattern AUTHORIZATION_VALUE = Pattern.compile(
            "(?i)((?:proxy-)?authorization\"?\\s*[:=]\\s*\"?)((?:basic|bearer|negotiate|ntlm|digest|token)\\s+)?[^\\s\"',;}\\]\\\\]+");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]+");

    private final List<String> literals;
    private final List<String> encoded;

    private Redactor(List<String> literals, List<String> encoded) {
        this.literals = literals;
        this.encoded = encoded;
    }

    /** Knows no secret yet; still masks URL user info and quoted Authorization values. */
    public static Redactor none() {
        return new Redactor(List.of(), List.of());
    }

    public static Redactor of(Credentials credentials) {
        return none().with(credentials);
    }

    /**
     * Adds the secret the credentials hold (a certificate's private key is never text, so it adds nothing; a
     * workload identity's the token it presented last, once it has read one).
     */
    public Redactor with(Credentials credentials) {
        if (credentials instanceof PersonalAccessToken pat) {
            return withSecret(pat.token());
        }
        if (credentials instanceof BearerToken bearer) {
            return withSecret(bearer.token());
        }
        if (credentials instanceof ServicePrincipalSecret sp) {
            return withSecret(sp.clientSecret());
        }
        if (credentials instanceof WorkloadIdentity workload) {
            // The token is known once read; with() after a token request masks the one presented last.
            return withSecret(workload.assertion().lastRead());
        }
        return this;
    }

    /**
     * Adds a secret: a token, password, client secret or client assertion. A secret with line breaks is also masked
     * piece by piece, since output is redacted line by line. Null and blank add nothing.
     */
    public Redactor withSecret(String secret) {
        if (secret == null || secret.isBlank()) {
            return this;
        }
        Set<String> newLiterals = new LinkedHashSet<>(literals);
        Set<String> newEncoded = new LinkedHashSet<>(encoded);
        for (String piece : pieces(secret)) {
            if (piece.length() >= MIN_SECRET) {
                newLiterals.add(piece);
            }
        }
        if (secret.strip().length() >= MIN_SECRET) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            for (String form : encodedForms(bytes)) {
                newEncoded.add(form);
                newEncoded.add(urlSafe(form));
            }
        }
        return new Redactor(longestFirst(newLiterals), longestFirst(newEncoded));
    }

    /**
     * Adds the user info of a URL (also of one too malformed to parse) and its password, as written and
     * percent-decoded. A URL without user info adds nothing.
     */
    public Redactor withUrl(String url) {
        String userInfo = userInfo(url);
        if (userInfo == null) {
            return this;
        }
        Redactor result = this;
        for (String form : List.of(userInfo, decode(userInfo))) {
            int colon = form.indexOf(':');
            result = result.withSecret(form).withSecret(colon < 0 ? null : form.substring(colon + 1));
        }
        return result;
    }

    /**
     * Adds what an {@code Authorization} header value carries: the credential after the scheme and, for Basic, the
     * password inside it. For the token an Entra ID sign-in fetched during the run, which no configuration holds.
     */
    public Redactor withAuthorization(String headerValue) {
        if (headerValue == null) {
            return this;
        }
        String value = headerValue.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? "" : value.substring(0, space);
        String credential = space < 0 ? value : value.substring(space + 1).strip();
        Redactor result = withSecret(credential);
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String pair = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                result = result.withSecret(colon < 0 ? pair : pair.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                // Then the credential itself is all there is to mask.
            }
        }
        return result;
    }

    /** The text without any known secret, URL user info or quoted Authorization value; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String form : encoded) {
            result = maskEncoded(result, form);
        }
        for (String literal : literals) {
            result = result.replace(literal, MASK);
        }
        result = USER_INFO.matcher(result).replaceAll("$1" + MASK + "@");
        return AUTHORIZATION_VALUE.matcher(result).replaceAll("$1$2" + MASK);
    }

    /** A URL fit for a message: its user info, if any, masked; works on text that is not a valid URL too. */
    public static String withoutUserInfo(String url) {
        if (url == null) {
            return null;
        }
        int start = url.indexOf("://");
        int at = userInfoEnd(url);
        return at < 0 ? url : url.substring(0, start + 3) + MASK + url.substring(at);
    }

    /** The user info between {@code ://} and the last {@code @} of the authority, or null when there is none. */
    private static String userInfo(String url) {
        int at = userInfoEnd(url);
        return at < 0 ? null : url.substring(url.indexOf("://") + 3, at);
    }

    private static int userInfoEnd(String url) {
        if (url == null) {
            return -1;
        }
        int start = url.indexOf("://");
        if (start < 0) {
            return -1;
        }
        start += 3;
        int end = url.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int index = url.indexOf(stop, start);
            if (index >= 0 && index < end) {
                end = index;
            }
        }
        int at = url.lastIndexOf('@', end - 1);
        return at < start ? -1 : at;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return text;
        }
    }

    private static List<String> pieces(String secret) {
        List<String> pieces = new ArrayList<>();
        pieces.add(secret);
        pieces.add(secret.strip());
        for (String piece : CONTROL.split(secret)) {
            pieces.add(piece.strip());
        }
        return pieces;
    }

    /**
     * Base64 of the secret alone and after a ":" (without padding), and the fixed middle of its base64 after a
     * prefix of any length: whole 4-character groups made only of the secret's bytes, for each alignment.
     */
    private static List<String> encodedForms(byte[] secret) {
        Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        List<String> forms = new ArrayList<>();
        forms.add(encoder.encodeToString(secret));
        byte[] withColon = new byte[secret.length + 1];
        withColon[0] = ':';
        System.arraycopy(secret, 0, withColon, 1, secret.length);
        forms.add(encoder.encodeToString(withColon));
        for (int prefix = 1; prefix <= 2; prefix++) {
            byte[] shifted = new byte[prefix + secret.length];
            System.arraycopy(secret, 0, shifted, prefix, secret.length);
            int wholeGroups = shifted.length / 3;
            String middle = wholeGroups <= 1 ? "" : encoder.encodeToString(shifted).substring(4, wholeGroups * 4);
            if (middle.length() >= MIN_ENCODED) {
                forms.add(middle);
            }
        }
        String aligned = encoder.encodeToString(secret);
        String alignedMiddle = aligned.substring(0, secret.length / 3 * 4);
        if (alignedMiddle.length() >= MIN_ENCODED) {
            forms.add(alignedMiddle);
        }
        return forms;
    }

    private static String urlSafe(String base64) {
        return base64.replace('+', '-').replace('/', '_');
    }

    /** Masks each whole base64 word that contains {@code form}, padding included. */
    private static String maskEncoded(String text, String form) {
        int found = text.indexOf(form);
        if (found < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        while (found >= 0) {
            int start = found;
            while (start > copied && isBase64(text.charAt(start - 1))) {
                start--;
            }
            int end = found + form.length();
            while (end < text.length() && isBase64(text.charAt(end))) {
                end++;
            }
            out.append(text, copied, start).append(MASK);
            copied = end;
            found = text.indexOf(form, end);
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '+' || c == '/' || c == '-' || c == '_' || c == '=';
    }

    private static List<String> longestFirst(Set<String> needles) {
        List<String> sorted = new ArrayList<>(needles);
        // The longest first, so that a secret containing another is masked whole.
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(sorted);
    }

    @Override
    public String toString() {
        return "Redactor[" + literals.size() + " secret form(s), never shown]";
    }
}
