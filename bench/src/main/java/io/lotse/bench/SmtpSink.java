package io.lotse.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server on the loopback interface that accepts every message and keeps only counts: the receiving
 * end of the send benchmark, so that what is measured is Lotse, not a mail server's storage. It speaks enough of
 * RFC 5321 for Jakarta Mail (EHLO, MAIL, RCPT, DATA with dot-stuffing, RSET, NOOP, QUIT) and answers 250 to each
 * message only after it has read the whole of it.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long lastAcceptedNanos;

    SmtpSink(int port) throws IOException {
        this.server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "smtp-sink-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    long accepted() {
        return accepted.get();
    }

    long bytes() {
        return bytes.get();
    }

    long lastAcceptedNanos() {
        return lastAcceptedNanos;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new UnsyncBufferedInput(socket.getInputStream());
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        bytes.addAndGet(readData(in));
                        accepted.incrementAndGet();
                        lastAcceptedNanos = System.nanoTime();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (SocketException e) {
            // the client closed the connection
        } catch (IOException e) {
            System.err.println("SMTP sink: " + e.getMessage());
        }
    }

    /** Reads message data up to the line holding only a dot; returns its size. */
    private static long readData(InputStream in) throws IOException {
        // state: how much of "\r\n.\r\n" has been seen; data starts as if after a line break
        int matched = 2;
        long size = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in DATA");
            }
            size++;
            matched = switch (matched) {
                case 0 -> b == '\r' ? 1 : 0;
                case 1 -> b == '\n' ? 2 : b == '\r' ? 1 : 0;
                case 2 -> b == '.' ? 3 : b == '\r' ? 1 : 0;
                case 3 -> b == '\r' ? 4 : 0;
                case 4 -> b == '\n' ? 5 : b == '\r' ? 1 : 0;
                default -> 0;
            };
            if (matched == 5) {
                return size;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A buffered stream without the per-byte lock of {@link BufferedInputStream}; one reader per connection. */
    private static final class UnsyncBufferedInput extends InputStream {

        private final InputStream in;
        private final byte[] buffer = new byte[65_536];
        private int position;
        private int limit;

        UnsyncBufferedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++] & 0xFF;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
