package io.jenkins.plugins.adoworkitems.core.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain with the private key of its first certificate, read from PEM or PKCS#12.
 * {@code toString()} shows the subject and thumbprint only.
 */
public record ClientCertificate(PrivateKey privateKey, List<X509Certificate> chain) {
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    public ClientCertificate {
        if (privateKey == null) {
            throw new IllegalArgumentException("The certificate has no private key");
        }
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("The private key comes without a certificate");
        }
        chain = List.copyOf(chain);
    }

    /**
     * Reads a PEM text holding an unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1
     * ({@code BEGIN RSA PRIVATE KEY}) key and one or more certificates, leaf first.
     */
    public static ClientCertificate fromPem(String pem) throws AuthenticationException {
        PrivateKey key = null;
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(pem);
        try {
            while (matcher.find()) {
                String kind = matcher.group(1);
                byte[] der = Base64.getMimeDecoder().decode(matcher.group(2).trim());
                switch (kind) {
                    case "CERTIFICATE" -> certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)));
                    case "PRIVATE KEY" -> key = pkcs8(der);
                    case "RSA PRIVATE KEY" -> key = KeyFactory.getInstance("RSA")
                            .generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(der)));
                    case "ENCRYPTED PRIVATE KEY" -> throw new AuthenticationException(
                            "The PEM private key is encrypted; export it unencrypted or use a PKCS#12 file with a password");
                    default -> {
                        // Other blocks (e.g. EC PARAMETERS) carry nothing we need.
                    }
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AuthenticationException("The PEM certificate or private key cannot be read: " + e.getClass().getSimpleName());
        }
        if (key == null) {
            throw new AuthenticationException("The PEM text contains no private key (expected BEGIN PRIVATE KEY)");
        }
        if (certificates.isEmpty()) {
            throw new AuthenticationException("The PEM text contains no certificate (expected BEGIN CERTIFICATE)");
        }
        return new ClientCertificate(key, certificates);
    }

    /** Reads a PKCS#12 (.pfx/.p12) file; the first entry with a private key is used. */
    public static ClientCertificate fromPkcs12(byte[] data, char[] password) throws AuthenticationException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(data), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    List<X509Certificate> chain = new ArrayList<>();
                    Certificate[] certificates = store.getCertificateChain(alias);
                    if (certificates != null) {
                        for (Certificate certificate : certificates) {
                            chain.add((X509Certificate) certificate);
                        }
                    }
                    return new ClientCertificate(key, chain);
                }
            }
            throw new AuthenticationException("The PKCS#12 file contains no private key");
        } catch (IOException e) {
            throw new AuthenticationException("The PKCS#12 file cannot be read (wrong password or not PKCS#12)");
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("The PKCS#12 file cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        }
    }

    /** PKCS#1 RSAPrivateKey wrapped as PKCS#8 PrivateKeyInfo, which is all the JDK's KeyFactory reads. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] content = new byte[version.length + rsaAlgorithm.length + octets.length];
        System.arraycopy(version, 0, content, 0, version.length);
        System.arraycopy(rsaAlgorithm, 0, content, version.length, rsaAlgorithm.length);
        System.arraycopy(octets, 0, content, version.length + rsaAlgorithm.length, octets.length);
        return der(0x30, content);
    }

    private static byte[] der(int tag, byte[] content) {
        int length = content.length;
        byte[] lengthBytes;
        if (length < 0x80) {
            lengthBytes = new byte[] {(byte) length};
        } else {
            int size = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            lengthBytes = new byte[size + 1];
            lengthBytes[0] = (byte) (0x80 | size);
            for (int i = 0; i < size; i++) {
                lengthBytes[size - i] = (byte) (length >>> (8 * i));
            }
        }
        byte[] out = new byte[1 + lengthBytes.length + length];
        out[0] = (byte) tag;
        System.arraycopy(lengthBytes, 0, out, 1, lengthBytes.length);
        System.arraycopy(content, 0, out, 1 + lengthBytes.length, length);
        return out;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** SHA-1 of the leaf certificate, upper-case hex: how the Azure portal lists an application's certificates. */
    public String thumbprint() {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(leaf().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 or certificate encoding unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "ClientCertificate[subject=" + leaf().getSubjectX500Principal().getName() + ", thumbprint="
                + thumbprint() + ", privateKey=****]";
    }
}
