package io.jenkins.plugins.adoworkitems.core.ado;

import io.jenkins.plugins.adoworkitems.core.auth.Redactor;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the client may send credentials to. Strict by default, so a configured target cannot be pointed at
 * plain http or at services inside the network (the Jenkins host itself, cloud metadata, intranet hosts).
 *
 * <p>The host is resolved when checked (an IP literal is only parsed) and every address it resolves to must be
 * globally reachable; {@link SpecialPurposeAddresses} says which are not. The HTTP client resolves the host again
 * when connecting, so a DNS answer that changes in between (rebinding) is not caught here. Refusing redirects to
 * other hosts closes the usual path.
 *
 * @param allowHttp             permit plain http, for on-premises servers without TLS
 * @param allowPrivateAddresses permit loopback, link-local, private and every other special-purpose address
 */
public record UrlPolicy(boolean allowHttp, boolean allowPrivateAddresses) {
    public static UrlPolicy strict() {
        return new UrlPolicy(false, false);
    }

    /** For an on-premises server: private addresses and, only if asked, http. */
    public static UrlPolicy onPremises(boolean allowHttp) {
        return new UrlPolicy(allowHttp, true);
    }

    /**
     * Names never on the Internet: IANA's Special-Use Domain Names, {@code internal} (reserved for private use), and
     * suffixes intranets use that the public DNS does not delegate.
     */
    private static final List<String> SPECIAL_USE_NAMES = List.of("localhost", "local", "internal", "home.arpa",
            "invalid", "test", "example", "onion", "alt", "corp", "home", "lan", "intranet", "private");

    /** Checks a URL this host connects to itself, resolving its host name. */
    public void check(URI uri) throws AdoException {
        check(uri, false);
    }

    /**
     * @param viaProxy a proxy carries the request and resolves the host: the name is judged without resolving it,
     *                 as the proxy's network may be the only one with DNS for it; IP literals are judged as always
     */
    public void check(URI uri, boolean viaProxy) throws AdoException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!allowHttp) {
                throw blocked(uri, "it uses plain http, which would send the credentials unencrypted");
            }
        } else if (!scheme.equals("https")) {
            throw blocked(uri, "only https URLs are allowed");
        }
        if (uri.getRawUserInfo() != null) {
            throw blocked(uri, "it contains credentials before the host; configure them as a credential instead");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw blocked(uri, "it has no host name");
        }
        if (allowPrivateAddresses) {
            return;
        }
        if (viaProxy && !isLiteral(host)) {
            String name = host.toLowerCase(Locale.ROOT);
            String last = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            last = last.substring(last.lastIndexOf('.') + 1);
            if (last.startsWith("0x") || !last.isEmpty() && last.chars().allMatch(Character::isDigit)) {
                // No top-level domain is numeric: a proxy may read 2130706433 or 0x7f.1 as an address.
                throw blocked(uri, "its host " + host + " is a number that a proxy may read as an address");
            }
            for (String special : SPECIAL_USE_NAMES) {
                if (name.equals(special) || name.endsWith("." + special) || name.endsWith("." + special + ".")) {
                    throw blocked(uri, "its host " + host + " is a name for private or special use (." + special
                            + "), which a proxy would resolve inside its network (allow private addresses only for an "
                            + "on-premises server)");
                }
            }
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new AdoException(ErrorCode.NETWORK, "The host " + host + " cannot be resolved.");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = SpecialPurposeAddresses.refusal(address);
            if (refusal.isPresent()) {
                throw blocked(uri, "its host " + host + " resolves to the internal address " + address.getHostAddress()
                        + ", in " + refusal.get() + " (allow private addresses only for an on-premises server)");
            }
        }
    }

    /** An IP literal (bracketed IPv6, or four decimal parts), which Java parses without asking DNS. */
    private static boolean isLiteral(String host) {
        if (host.startsWith("[") || host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static AdoException blocked(URI uri, String reason) {
        return new AdoException(ErrorCode.BASE_URL_BLOCKED, "Refused to call " + redact(uri) + ": " + reason + ".");
    }

    /** The URL without any user-info, so a password pasted into it does not reach a log. */
    static String redact(URI uri) {
        return Redactor.withoutUserInfo(uri.toString());
    }
}
