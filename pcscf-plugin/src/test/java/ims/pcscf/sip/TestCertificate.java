package ims.pcscf.sip;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway self-signed EC P-256 certificate for 127.0.0.1 (Bouncy Castle), written as a PKCS#12
 * keystore (key + certificate) and a PKCS#12 truststore (the certificate), valid for one day.
 */
final class TestCertificate {
  static final String PASSWORD = "test-only-password";

  final Path keyStore;
  final Path trustStore;
  final X509Certificate certificate;

  TestCertificate(Path directory) throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    var name = new X500Name("CN=pcscf.test");
    var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
        Date.from(Instant.now().minus(Duration.ofMinutes(5))), Date.from(Instant.now().plus(Duration.ofDays(1))),
        name, keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    certificate = new JcaX509CertificateConverter().getCertificate(holder);

    var key = KeyStore.getInstance("PKCS12");
    key.load(null, null);
    key.setKeyEntry("pcscf", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate});
    keyStore = write(key, directory.resolve("pcscf-key.p12"));
    trustStore = write(trustStoreWithCertificate(), directory.resolve("pcscf-trust.p12"));
  }

  /** A client context trusting only this certificate. */
  SSLContext clientContext() throws Exception {
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trustStoreWithCertificate());
    var context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private KeyStore trustStoreWithCertificate() throws Exception {
    var trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("pcscf", certificate);
    return trust;
  }

  private static Path write(KeyStore store, Path file) throws Exception {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }
}
