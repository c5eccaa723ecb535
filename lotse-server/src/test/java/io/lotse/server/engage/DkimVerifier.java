package io.lotse.server.engage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a DKIM signature (RFC 6376, rsa-sha256, relaxed/relaxed) of a raw message as a receiving server would,
 * written independently of the signer: the body hash, then the signature over the signed headers.
 */
final class DkimVerifier {

    /** The tags of the signature and whether it holds. */
    record Result(Map<String, String> tags, List<String> signedHeaders, boolean bodyHashMatches, boolean signatureValid) {}

    private DkimVerifier() {}

    static PublicKey publicKey(Path pem) throws Exception {
        String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
    }

    static Result verify(String raw, PublicKey key) throws Exception {
        String message = raw.replace("\r\n", "\n").replace("\n", "\r\n");
        int split = message.indexOf("\r\n\r\n");
        String head = message.substring(0, split + 2);
        String body = message.substring(split + 4);
        List<String[]> headers = parseHeaders(head);
        String[] signatureHeader = headers.stream().filter(h -> h[0].equalsIgnoreCase("DKIM-Signature")).findFirst()
                .orElseThrow(() -> new AssertionError("the message has no DKIM-Signature header"));
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : unfold(signatureHeader[1]).split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                tags.put(tag.substring(0, eq).trim(), tag.substring(eq + 1).replaceAll("\\s", ""));
            }
        }
        List<String> signed = new ArrayList<>();
        for (String name : tags.get("h").split(":")) {
            signed.add(name.trim().toLowerCase(Locale.ROOT));
        }
        String bodyHash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(relaxedBody(body).getBytes(StandardCharsets.UTF_8)));
        StringBuilder data = new StringBuilder();
        List<String[]> remaining = new ArrayList<>(headers);
        for (String name : signed) {
            // the last occurrence not yet used, as RFC 6376 5.4.2 says
            for (int i = remaining.size() - 1; i >= 0; i--) {
                if (remaining.get(i)[0].equalsIgnoreCase(name)) {
                    data.append(relaxedHeader(remaining.get(i)[0], remaining.get(i)[1])).append("\r\n");
                    remaining.remove(i);
                    break;
                }
            }
        }
        String ownValue = signatureHeader[1].replaceAll("(b=)[^;]*$", "$1").replaceAll("(;\\s*b=)[^;]*", "$1");
        data.append(relaxedHeader(signatureHeader[0], ownValue));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(data.toString().getBytes(StandardCharsets.UTF_8));
        boolean valid = verifier.verify(Base64.getDecoder().decode(tags.get("b")));
        return new Result(tags, signed, bodyHash.equals(tags.get("bh")), valid);
    }

    private static List<String[]> parseHeaders(String head) {
        List<String[]> headers = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + "\r\n" + line;
            } else {
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
            }
        }
        return headers;
    }

    private static String unfold(String value) {
        return value.replace("\r\n", "");
    }

    private static String relaxedHeader(String name, String value) {
        return name.trim().toLowerCase(Locale.ROOT) + ":" + unfold(value).replaceAll("[ \\t]+", " ").trim();
    }

    private static String relaxedBody(String body) {
        String[] lines = body.split("\r\n", -1);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            out.add(line.replaceAll("[ \\t]+", " ").replaceAll(" +$", ""));
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out.isEmpty() ? "" : String.join("\r\n", out) + "\r\n";
    }
}
