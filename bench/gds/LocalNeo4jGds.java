package graphintel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

/**
 * Benchmark only (bench/gds_bench.py): graphintel.LocalNeo4j with Neo4j Graph Data Science
 * loaded. The GDS jars are on the classpath (so its extensions register, as on a server where
 * plugins/ is on the classpath) and in the plugin directory (so its procedures register);
 * gds.* procedures run unrestricted, as GDS requires.
 *
 * Runs a Neo4j 5.26 community DBMS with the Bolt connector on 127.0.0.1.
 *
 * Arguments: data directory, bolt port, password file, page cache size in MiB, GDS jar folder.
 * The password is read from the file and never printed.
 */
public final class LocalNeo4jGds {
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            // A restart with the same password file: the password is already set.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path passwordFile = Path.of(args[2]);
        long pageCacheMb = Long.parseLong(args[3]);
        Path gdsLib = Path.of(args[4]).toAbsolutePath();
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(30))
                // Keep transaction logs to a bounded size: a local store that is wiped and
                // reloaded keeps every load's logs for two days by default (tens of GB).
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "512M size")
                .setConfig(GraphDatabaseSettings.plugin_dir, gdsLib)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }));
        try {
            setPassword(service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
        } catch (RuntimeException e) {
            System.out.println("graphintel-local-neo4j failed: " + e.getMessage());
            System.out.flush();
            service.shutdown();
            System.exit(1);
        }
        System.out.println("graphintel-local-neo4j ready (GDS) on bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
