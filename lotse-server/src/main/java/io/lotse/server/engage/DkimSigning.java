package io.lotse.server.engage;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * DKIM signing (RFC 6376, rsa-sha256, relaxed/relaxed) with the signer of Simple Java Mail's DKIM module.
 *
 * <p>The signed headers are the module's defaults (From, To, Subject, Date, Message-ID, MIME headers,
 * List-Unsubscribe, ...) plus {@code List-Unsubscribe-Post}, which RFC 8058 requires to be covered so that the
 * one-click promise cannot be added to a message by someone else. The signer does not look the public key up in
 * DNS before every message: publishing it at {@code <selector>._domainkey.<domain>} is the operator's job, checked
 * once with any DKIM tool. A signer holds digest state, so each sending thread has its own.
 */
@Component
class DkimSigning {

    static final String ONE_CLICK_HEADER = "List-Unsubscribe-Post";
    private static final Logger log = LoggerFactory.getLogger(DkimSigning.class);

    private final @Nullable RSAPrivateKey key;
    private final String domain;
    private final String selector;
    private final ThreadLocal<DkimSigner> signers;

    DkimSigning(EngageProperties properties) {
        EngageProperties.Dkim dkim = properties.dkim();
        this.domain = dkim.domain() == null ? "" : dkim.domain();
        this.selector = dkim.selector();
        if (dkim.enabled()) {
            try {
                this.key = readKey(Files.readAllBytes(dkim.privateKey()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the DKIM private key " + dkim.privateKey(), e);
            }
            log.info("Signing email with DKIM for {} (selector {})", domain, selector);
        } else {
            this.key = null;
            log.warn("Email is sent without a DKIM signature: set lotse.engage.dkim.domain and .private-key");
        }
        this.signers = ThreadLocal.withInitial(this::newSigner);
    }

    boolean enabled() {
        return key != null;
    }

    /** The message as it will be written to the wire: signed when a key is configured, else unchanged. */
    MimeMessage sign(MimeMessage message) throws MessagingException {
        return key == null ? message : new DkimMessage(message, signers.get());
    }

    private DkimSigner newSigner() {
        try {
            DkimSigner signer = new DkimSigner(domain, selector, key);
            signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setLengthParam(false);
            signer.setZParam(false);
            signer.setCheckDomainKey(false);
            signer.addHeaderToSign(ONE_CLICK_HEADER);
            return signer;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot set up DKIM signing for " + domain, e);
        }
    }

    /** Reads a PKCS#8 RSA private key, PEM ({@code -----BEGIN PRIVATE KEY-----}) or DER. */
    static RSAPrivateKey readKey(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        byte[] der = bytes;
        if (text.contains("-----BEGIN")) {
            if (text.contains("BEGIN RSA PRIVATE KEY")) {
                throw new IllegalArgumentException("the DKIM key is PKCS#1; convert it to PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
            }
            der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").trim());
        }
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the DKIM key is not a PKCS#8 RSA private key", e);
        }
    }
}
