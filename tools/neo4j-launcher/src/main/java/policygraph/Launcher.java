package policygraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs a local Neo4j 5.26 community server in-process (neo4j-harness), auth disabled, loopback only.
 *
 * <p>Options (each also readable from a system property, e.g. -Dneo4j.boltPort=7687):
 * {@code --bolt-port} (7687), {@code --http-port} (7474), {@code --data-dir} (./neo4j-data),
 * {@code --host} (127.0.0.1), {@code --auth} (false), {@code --page-cache-mb} (512: the most memory
 * the page cache may take for the store's files; a store larger than it is read from disk). The store lives in DATA_DIR/data and survives restarts; the harness'
 * scratch home (DATA_DIR/run/&lt;random&gt;) is deleted on shutdown. Prints one "READY bolt://... http://..."
 * line when up, then runs until SIGTERM/SIGINT (clean shutdown via a shutdown hook).
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        String host = option(args, "host", "127.0.0.1");
        int boltPort = Integer.parseInt(option(args, "bolt-port", "7687"));
        int httpPort = Integer.parseInt(option(args, "http-port", "7474"));
        Path dataDir = Path.of(option(args, "data-dir", "neo4j-data")).toAbsolutePath();
        // Auth is off unless asked for (tests of refused credentials turn it on: user neo4j).
        boolean auth = Boolean.parseBoolean(option(args, "auth", "false"));
        long pageCacheMb = Long.parseLong(option(args, "page-cache-mb", "512"));
        Path runDir = dataDir.resolve("run");
        deleteRecursively(runDir); // scratch homes left behind by a killed server
        Files.createDirectories(runDir);

        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(runDir)
                .withConfig(GraphDatabaseSettings.auth_enabled, auth)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(host, boltPort))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress(host, httpPort))
                .withConfig(GraphDatabaseSettings.data_directory, dataDir.resolve("data"))
                .withConfig(GraphDatabaseSettings.logs_directory, dataDir.resolve("logs"))
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                // Netty waits 2x5s of "quiet period" on shutdown by default; stop promptly instead.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(ServerSettings.allow_telemetry, false) // Neo4j Browser product analytics
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("STOPPING");
            neo4j.close();
            System.out.println("STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-shutdown"));

        System.out.printf("READY bolt://%s:%d http://%s:%d%n", host, boltPort, host, httpPort);
        System.out.flush();
        stopped.await();
    }

    /** Value of {@code --name value}, else system property {@code neo4j.camelName}, else the default. */
    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        String[] parts = name.split("-");
        StringBuilder key = new StringBuilder("neo4j.").append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            key.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return System.getProperty(key.toString(), fallback);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
