package io.jenkins.plugins.adoworkitems.core.ado;

import io.jenkins.plugins.adoworkitems.core.auth.Redactor;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
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
            Optional<String> refusal = SpecialPurposeAddresses.refusal(address);
            if (refusal.isPresent()) {
                throw blocked(uri, "its host " + host + " resolves to the internal address " + address.getHostAddress()
                        + ", in " + refusal.get() + " (allow private addresses only for an on-premises server)");
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
}
