package ims.iq.transport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI per test run (Bouncy Castle, EC P-256): an internal CA, leaf certificates it signs
 * (SAN 127.0.0.1, server and client use, valid one day), and self-signed strangers.
 */
public final class TestPki {
  private static final char[] PASSWORD = "unused".toCharArray();
  private final AtomicLong serial = new AtomicLong(1);
  private final KeyPair caKeys;
  private final X509Certificate caCert;

  public TestPki() throws Exception {
    caKeys = newKeyPair();
    var name = new X500Name("CN=Iq test CA");
    org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, nextSerial(), notBefore(), notAfter(), name, caKeys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    caCert = sign(builder, caKeys.getPrivate());
  }

  /** A key pair whose certificate the internal CA signed. */
  public KeyManagerFactory signedLeaf(String name) throws Exception {
    KeyPair keys = newKeyPair();
    X509Certificate cert = sign(leafBuilder(new X500Name("CN=" + IqName.check(name)), keys,
        new X500Name("CN=Iq test CA")), caKeys.getPrivate());
    return keyManagers(keys.getPrivate(), cert, caCert);
  }

  /** A key pair with a self-signed certificate: not from our CA. */
  public KeyManagerFactory stranger(String name) throws Exception {
    KeyPair keys = newKeyPair();
    var subject = new X500Name("CN=" + IqName.check(name));
    return keyManagers(keys.getPrivate(), sign(leafBuilder(subject, keys, subject), keys.getPrivate()));
  }

  /** Trusts the internal CA only. */
  public TrustManagerFactory trustInternalCa() throws Exception {
    var trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", caCert);
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  private org.bouncycastle.cert.X509v3CertificateBuilder leafBuilder(X500Name subject, KeyPair keys, X500Name issuer) throws Exception {
    return new JcaX509v3CertificateBuilder(issuer, nextSerial(), notBefore(), notAfter(), subject, keys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
  }

  private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, PrivateKey signer) throws Exception {
    var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static KeyManagerFactory keyManagers(PrivateKey key, X509Certificate... chain) throws Exception {
    var ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("leaf", key, PASSWORD, (Certificate[]) chain);
    var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    return kmf;
  }

  private static KeyPair newKeyPair() throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private BigInteger nextSerial() {
    return BigInteger.valueOf(serial.getAndIncrement());
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }

  /** Names become part of a DN: keep them to plain letters and digits. */
  private static final class IqName {
    static String check(String name) {
      if (!name.matches("[A-Za-z0-9-]{1,32}")) throw new IllegalArgumentException("bad test name: " + name);
      return name;
    }
  }
}
