package io.lotse.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One persistent HTTP/1.1 connection that posts ready-made bodies and reads the answers: the load driver's own
 * client. It does no more than a load driver needs (plain HTTP, {@code Content-Length} or chunked answers), so that
 * the driver, which shares the machine with the server under test, spends as little CPU per request as possible;
 * the JDK's {@code HttpClient} costs several times as much per request.
 */
final class KeepAliveConnection implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 60_000;

    private final String host;
    private final int port;
    private final String headers;
    private final byte[] postPrefix;
    private @Nullable Open open;

    /** The socket while connected, with its buffered input. */
    private record Open(Socket socket, InputStream in, OutputStream out) {}

    /**
     * @param endpoint      where to post (and the server to ask with {@link #get}), an {@code http} URL
     * @param authorization the {@code Authorization} header value
     */
    KeepAliveConnection(URI endpoint, String authorization) {
        if (!"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the load driver speaks plain http only, not " + endpoint);
        }
        this.host = endpoint.getHost();
        this.port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        String path = endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        this.headers = "Host: " + host + ":" + port + "\r\nAuthorization: " + authorization + "\r\n";
        this.postPrefix = ("POST " + path + " HTTP/1.1\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** What the server answered. */
    record Answer(int status, String body) {}

    /** Posts a body to the endpoint and reads the answer, connecting (again) when needed. */
    Answer post(byte[] body) throws IOException {
        return exchange(out -> {
            out.write(postPrefix);
            out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        });
    }

    /** Asks for a path with its query (e.g. {@code /api/v1/x?a=1}) and reads the answer. */
    Answer get(String pathAndQuery) throws IOException {
        byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\n" + headers + "Accept-Language: en\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return exchange(out -> out.write(request));
    }

    private interface RequestWriter {
        void write(OutputStream out) throws IOException;
    }

    private Answer exchange(RequestWriter request) throws IOException {
        Open connection = open != null ? open : connect();
        try {
            OutputStream out = connection.out();
            request.write(out);
            out.flush();
            return readAnswer(connection.in());
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Open connect() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        Open opened = new Open(socket, new BufferedInputStream(socket.getInputStream(), 16_384),
                socket.getOutputStream());
        open = opened;
        return opened;
    }

    private Answer readAnswer(InputStream in) throws IOException {
        String statusLine = readLine(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
                copy(in, size, body);
                readLine(in);
            }
            for (String trailer = readLine(in); !trailer.isEmpty(); trailer = readLine(in)) {
                // trailers carry nothing the driver needs
            }
        } else if (contentLength >= 0) {
            copy(in, contentLength, body);
        } else {
            close = true;
            in.transferTo(body);
        }
        if (close) {
            close();
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    private static long chunkSize(InputStream in) throws IOException {
        String line = readLine(in);
        int extension = line.indexOf(';');
        return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static void copy(InputStream in, long length, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = length; left > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the server closed the connection in the middle of an answer");
            }
            to.write(buffer, 0, read);
            left -= read;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        Open connection = open;
        open = null;
        if (connection != null) {
            connection.socket().close();
        }
    }
}
