package org.mxsuite.scan;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.mxsuite.domain.InvalidSettingException;

/**
 * Where clamd listens: {@code host:port} ({@code TCPSocket}/{@code TCPAddr} of clamd.conf), or its Unix socket
 * ({@code LocalSocket}) written {@code unix:/run/clamav/clamd.ctl} or as an absolute path.
 */
public final class ClamdEndpoint {
    private final Optional<InetSocketAddress> tcp;
    private final Optional<Path> unixSocket;

    private ClamdEndpoint(Optional<InetSocketAddress> tcp, Optional<Path> unixSocket) {
        this.tcp = tcp;
        this.unixSocket = unixSocket;
    }

    public static ClamdEndpoint tcp(String host, int port) {
        return new ClamdEndpoint(Optional.of(InetSocketAddress.createUnresolved(host, port)), Optional.empty());
    }

    public static ClamdEndpoint unixSocket(Path path) {
        return new ClamdEndpoint(Optional.empty(), Optional.of(path));
    }

    public static ClamdEndpoint parse(String key, String raw) {
        String value = raw.trim();
        if (value.startsWith("unix:") || value.startsWith("/")) {
            return unixSocket(Path.of(value.startsWith("unix:") ? value.substring("unix:".length()) : value));
        }
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        String port = colon > 0 ? value.substring(colon + 1) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new InvalidSettingException(key + " '" + raw + "' must be host:port or unix:/path/to/clamd.ctl");
        }
        return tcp(host, Integer.parseInt(port));
    }

    /** A new connection; a TCP one gives up connecting, and each read, after {@code timeout}. */
    Connection open(Duration timeout) throws IOException {
        if (tcp.isPresent()) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(tcp.get().getHostString(), tcp.get().getPort()), (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                return new Connection(socket.getInputStream(), socket.getOutputStream(), socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
        SocketChannel channel = openUnixChannel(unixSocket.orElseThrow());
        return new Connection(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel);
    }

    /**
     * Unix-domain socket channels came with Java 16; the suite is built for Java 11, so they are reached by name. A
     * connected channel has no read timeout: {@link ClamdClient} closes it when the scan's time is up.
     */
    private static SocketChannel openUnixChannel(Path path) throws IOException {
        SocketAddress address;
        SocketChannel channel;
        try {
            address = (SocketAddress) Class.forName("java.net.UnixDomainSocketAddress").getMethod("of", Path.class).invoke(null, path);
            ProtocolFamily unix = StandardProtocolFamily.valueOf("UNIX");
            channel = (SocketChannel) SocketChannel.class.getMethod("open", ProtocolFamily.class).invoke(null, unix);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IOException("clamd's Unix socket " + path + " needs Java 16 or later; use host:port on Java " + Runtime.version().feature());
        }
        try {
            channel.connect(address);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return tcp.map(address -> address.getHostString() + ":" + address.getPort())
            .orElseGet(() -> "unix:" + unixSocket.orElseThrow());
    }

    /** One connection's streams, and what closes it. */
    static final class Connection implements Closeable {
        final InputStream in;
        final OutputStream out;
        private final Closeable resource;

        Connection(InputStream in, OutputStream out, Closeable resource) {
            this.in = in;
            this.out = out;
            this.resource = resource;
        }

        @Override
        public void close() throws IOException {
            resource.close();
        }
    }
}
