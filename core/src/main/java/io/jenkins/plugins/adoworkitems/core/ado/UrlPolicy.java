package io.jenkins.plugins.adoworkitems.core.ado;

import io.jenkins.plugins.adoworkitems.core.auth.Redactor;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs the client may send credentials to. Strict by default, so a configured target cannot be pointed at
 * plain http or at services inside the network (the Jenkins host itself, cloud metadata, intranet hosts).
 *
 * <p>The host is resolved when checked; the HTTP client resolves it again when connecting, so a DNS answer that
 * changes in between (rebinding) is not caught here. Refusing redirects to other hosts closes the usual path.
 *
 * @param allowHttp             permit plain http, for on-premises servers without TLS
 * @param allowPrivateAddresses permit loopback, link-local, private and other non-public addresses
 */
public record UrlPolicy(boolean allowHttp, boolean allowPrivateAddresses) {
    public static UrlPolicy strict() {
        return new UrlPolicy(false, false);
    }

    /** For an on-premises server: private addresses and, only if asked, http. */
    public static UrlPolicy onPremises(boolean allowHttp) {
        return new UrlPolicy(allowHttp, true);
    }

    public void check(URI uri) throws AdoException {
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
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new AdoException(ErrorCode.NETWORK, "The host " + host + " cannot be resolved.");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw blocked(uri, "its host " + host + " resolves to the internal address " + address.getHostAddress()
                        + " (allow private addresses only for an on-premises server)");
            }
        }
    }

    private static AdoException blocked(URI uri, String reason) {
        return new AdoException(ErrorCode.BASE_URL_BLOCKED, "Refused to call " + redact(uri) + ": " + reason + ".");
    }

    /** The URL without any user-info, so a password pasted into it does not reach a log. */
    static String redact(URI uri) {
        return Redactor.withoutUserInfo(uri.toString());
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local addresses; IPv4-mapped addresses are already unwrapped by the JDK.
            return (bytes[0] & 0xfe) == 0xfc;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 100.64.0.0/10 shared (carrier-grade NAT) space, 0.0.0.0/8, and 192.0.0.0/24 protocol assignments.
        return (first == 100 && second >= 64 && second <= 127) || first == 0
                || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0);
    }
}
