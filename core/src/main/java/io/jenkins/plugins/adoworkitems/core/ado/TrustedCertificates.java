package io.jenkins.plugins.adoworkitems.core.ado;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificates to trust on top of the JVM's own trust store: the corporate CA of an Azure DevOps Server, or a test
 * server's self-signed certificate. They are added, never put instead: dev.azure.com and Entra ID stay trusted
 * through the JVM's CAs, so one setting serves a run that talks to both.
 *
 * @param certificates at least one; each becomes a trust anchor
 */
public record TrustedCertificates(List<X509Certificate> certificates) {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final Pattern BLOCK = Pattern.compile(Pattern.quote(BEGIN) + "(.*?)-----END CERTIFICATE-----",
            Pattern.DOTALL);

    public TrustedCertificates {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("No certificate to trust.");
        }
    }

    /**
     * Every certificate in PEM text, the form CAs hand out and CI systems store (a bundle may hold several). Other
     * blocks, such as a private key someone left in the file, are ignored: only certificates are trusted.
     *
     * @throws IllegalArgumentException naming the line of the bad certificate and what is wrong with it
     */
    public static TrustedCertificates fromPem(String pem) {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("This JVM cannot read X.509 certificates", e);
        }
        List<X509Certificate> found = new ArrayList<>();
        Matcher block = BLOCK.matcher(pem);
        int end = 0;
        while (block.find()) {
            int line = lineOf(pem, block.start());
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(block.group(1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + line + ": the certificate is not valid base64 (" + e.getMessage() + ").");
            }
            try {
                found.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException e) {
                throw new IllegalArgumentException("line " + line + ": not an X.509 certificate ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ").");
            }
            end = block.end();
        }
        int unfinished = pem.indexOf(BEGIN, end);
        if (unfinished >= 0) {
            throw new IllegalArgumentException("line " + lineOf(pem, unfinished) + ": " + BEGIN
                    + " without -----END CERTIFICATE-----; is the file cut short?");
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no certificate: expected PEM text with " + BEGIN
                    + " (a DER file converts with: openssl x509 -inform der -in FILE -out FILE.pem).");
        }
        return new TrustedCertificates(found);
    }

    /** Trusts the JVM's default CAs (javax.net.ssl.trustStore if set, else the JDK's cacerts) and these certificates. */
    public X509TrustManager trustManager() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int n = 0;
            for (X509Certificate jvmCa : defaultTrustManager().getAcceptedIssuers()) {
                anchors.setCertificateEntry("jvm-" + n++, jvmCa);
            }
            for (X509Certificate extra : certificates) {
                anchors.setCertificateEntry("added-" + n++, extra);
            }
            return x509(trustManagers(anchors));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a trust store from the JVM's CAs and the added certificates", e);
        }
    }

    /** For {@link ClientSettings#withSslContext}, and its socket factory for Entra ID. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS with the added certificates", e);
        }
    }

    /** One line per certificate, whom it names and until when: for a log that says what is trusted. */
    public List<String> describe() {
        return certificates.stream().map(c -> c.getSubjectX500Principal().getName() + " (valid until "
                + c.getNotAfter().toInstant() + ")").toList();
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        return x509(trustManagers(null));
    }

    private static TrustManager[] trustManagers(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return factory.getTrustManagers();
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JVM's TrustManagerFactory made no X509TrustManager");
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
