package io.github.softdelete.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that holds every chunk of bytes for a fixed delay in each direction, as a
 * network with that one-way latency would: B3's network variants put it between the JDBC driver and
 * PostgreSQL. Bandwidth is not limited, and chunks keep their order; a chunk read at time t is written
 * at t + delay, so pipelined traffic overlaps as it would on a wire.
 *
 * <p>Each accepted connection gets four daemon threads (a reader and a writer per direction). Thread-safe;
 * {@link #close()} stops accepting and closes every connection.
 */
final class LatencyProxy implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long delayNanos;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private record Chunk(long due, byte[] bytes) {
    }

    /** Listens on a free loopback port and forwards to {@code target}, adding {@code delayNanos} each way. */
    LatencyProxy(InetSocketAddress target, long delayNanos) throws IOException {
        this.target = target;
        this.delayNanos = delayNanos;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "latency-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port the proxy listens on (on loopback). */
    int port() {
        return server.getLocalPort();
    }

    /**
     * {@code jdbcUrl} with its {@code host:port} replaced by the proxy's, for a PostgreSQL URL of the
     * form {@code jdbc:postgresql://host:port/database?...}.
     */
    String rewrite(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//" + server.getInetAddress().getHostAddress() + ":" + port() + "/");
    }

    /** The host and port of a PostgreSQL JDBC URL {@code jdbc:postgresql://host:port/...}. */
    static InetSocketAddress target(String jdbcUrl) {
        int start = jdbcUrl.indexOf("//") + 2;
        String hostPort = jdbcUrl.substring(start, jdbcUrl.indexOf('/', start));
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? new InetSocketAddress(hostPort, 5432)
            : new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target);
                for (Socket socket : List.of(client, upstream)) {
                    socket.setTcpNoDelay(true);
                    sockets.add(socket);
                }
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (!server.isClosed())
                    System.err.println("latency proxy: " + e);
            }
        }
    }

    /** Reads from {@code from} and writes to {@code to} {@link #delayNanos} later. */
    private void pipe(Socket from, Socket to) throws IOException {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        start("latency-proxy-read", () -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int n; (n = in.read(buffer)) >= 0;)
                    queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
            } catch (IOException closed) {
                // the other side or close() ended the connection
            }
            queue.add(new Chunk(0, END));
        });
        start("latency-proxy-write", () -> {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk.bytes() == END)
                        break;
                    for (long wait; (wait = chunk.due() - System.nanoTime()) > 0;)
                        LockSupport.parkNanos(wait);
                    out.write(chunk.bytes());
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException closed) {
                // the connection ended
            }
        });
    }

    private static void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets)
            socket.close();
    }
}
