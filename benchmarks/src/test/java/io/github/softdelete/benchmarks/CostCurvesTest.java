package io.github.softdelete.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.softdelete.it.harness.PostgresServers;

/**
 * The issue-16 command at tiny sizes: the proxy forwards bytes both ways, and the command writes every
 * table row and every PNG image it promises. No timing is checked.
 */
class CostCurvesTest {

    @Test
    void latencyProxy_forwardsBothWays_andRewritesJdbcUrls() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket socket = echo.accept()) {
                    socket.getInputStream().transferTo(socket.getOutputStream());
                } catch (Exception ignored) {
                    // the test fails on its own side
                }
            });
            server.setDaemon(true);
            server.start();
            try (LatencyProxy proxy = new LatencyProxy(new InetSocketAddress(echo.getInetAddress(), echo.getLocalPort()), 500_000);
                    Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                byte[] sent = new byte[200_000];
                Arrays.fill(sent, (byte) 7);
                sent[123_456] = 42;
                OutputStream out = client.getOutputStream();
                out.write(sent);
                client.shutdownOutput();
                InputStream in = client.getInputStream();
                assertThat(in.readAllBytes()).isEqualTo(sent);

                assertThat(proxy.rewrite("jdbc:postgresql://localhost:5432/bench?user=x"))
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/bench?user=x");
            }
        }
        assertThat(LatencyProxy.target("jdbc:postgresql://db.example:6543/x")).isEqualTo(InetSocketAddress.createUnresolved("db.example", 6543)
            .getHostString().equals("db.example") ? new InetSocketAddress("db.example", 6543) : null);
    }

    @Test
    void run_tinySizes_writesEveryRowAndEveryImage(@TempDir Path directory) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path md = directory.resolve("BENCHMARKS.md");
        Files.writeString(md, "# Benchmarks\n\nbefore\n\n" + CostCurves.BEGIN + "\nold\n" + CostCurves.END + "\n\nafter\n");
        CostCurves.Settings settings = new CostCurves.Settings(3, 5, List.of(100, 300), List.of(0, 90), 100, 5, 1, 500,
            directory, md);

        String markdown = CostCurves.run(settings, PostgresServers.shared());
        CostCurves.replaceSection(md, markdown);

        assertThat(markdown)
            .contains("| B3 over 0.5 ms each way, vs one UPDATE per table: one small account (64 rows) |")
            .contains("| B3 over 0.5 ms each way, vs one UPDATE per table: the B3 tree (2,101 rows) |")
            .contains("Deleting one small account (64 rows: 3 posts, 30 comments, 30 likes):")
            .contains("a tree of 504 descendant rows | 1 statement, bounded client memory | 1 statement(s)")
            .contains("| render time vs soft-deletable tables (1 to 3) |")
            .contains("| cascade restore vs tree size |")
            .contains("| B4 read time vs share of deleted rows (0% to 90%) | linear or better in the table's rows | worst: ");
        // the render curve: 1, 2, 3 tables; the cascade curve: 106 and 316 rows (5 and 15 posts); the reads: 0% and 90%.
        assertThat(rows(markdown, "tables")).containsExactly("1", "2", "3");
        assertThat(rows(markdown, "rows")).containsExactly("106", "316");
        assertThat(rows(markdown, "% deleted")).containsExactly("0", "90");
        for (String png : List.of(CostCurves.RENDER_PNG, CostCurves.CASCADE_PNG, CostCurves.READS_PNG)) {
            byte[] bytes = Files.readAllBytes(directory.resolve(png));
            assertThat(Arrays.copyOf(bytes, 4)).as(png).isEqualTo(new byte[] { (byte) 0x89, 'P', 'N', 'G' });
            assertThat(markdown).contains("](" + png + ")");
        }
        String updated = Files.readString(md, StandardCharsets.UTF_8);
        assertThat(updated).startsWith("# Benchmarks\n\nbefore\n\n" + CostCurves.BEGIN).endsWith(CostCurves.END + "\n\nafter\n")
            .doesNotContain("\nold\n").contains(markdown.strip());
    }

    @Test
    void exponent_ofLinearAndQuadraticPoints() {
        List<CostCurves.Point> linear = List.of(new CostCurves.Point(1000, 2), new CostCurves.Point(10_000, 20));
        List<CostCurves.Point> quadratic = List.of(new CostCurves.Point(1000, 1), new CostCurves.Point(10_000, 100),
            new CostCurves.Point(20_000, 400));
        assertThat(CostCurves.exponent(linear, 1)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(CostCurves.worstLocalExponent(quadratic, 1)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** The first cells of the rows of the markdown table whose header starts with {@code | firstHeader |}. */
    private static List<String> rows(String markdown, String firstHeader) {
        String[] lines = markdown.split("\n");
        for (int i = 0; i < lines.length; i++)
            if (lines[i].startsWith("| " + firstHeader + " |")) {
                List<String> firsts = new java.util.ArrayList<>();
                for (int j = i + 2; j < lines.length && lines[j].startsWith("|"); j++)
                    firsts.add(lines[j].split("\\|")[1].trim());
                return firsts;
            }
        throw new AssertionError("no table starting with " + firstHeader + " in\n" + markdown);
    }
}
