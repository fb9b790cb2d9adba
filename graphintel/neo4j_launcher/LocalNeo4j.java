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
import org.neo4j.internal.kernel.api.exceptions.ProcedureException;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j 5.26 community DBMS with the Bolt connector on 127.0.0.1.
 *
 * Arguments: data directory, bolt port, password file, page cache size in MiB, and
 * optionally a plugin folder (bench/gds_bench.py passes Graph Data Science's jars, which
 * must also be on the classpath; gds.* procedures then run unrestricted, as GDS requires).
 * graphintel's own procedures (Hotspots) are registered unless that folder holds their
 * jar, which then serves them as it would on another server.
 * The password is read from the file and never printed.
 */
public final class LocalNeo4j {
    private static final String PLUGIN_JAR = "graphintel-procedures.jar";

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

    /** graphintel's own procedures (Hotspots), served as a plugin folder would serve them. */
    private static void registerProcedures(DatabaseManagementService service)
            throws ProcedureException {
        GraphDatabaseAPI db = (GraphDatabaseAPI) service.database(
                GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.getDependencyResolver().resolveDependency(GlobalProcedures.class)
                .registerProcedure(Hotspots.class);
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path passwordFile = Path.of(args[2]);
        long pageCacheMb = Long.parseLong(args[3]);
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (args.length > 4) {
            builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(args[4]).toAbsolutePath())
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*"));
        }
        DatabaseManagementService service = builder
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
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }));
        try {
            setPassword(service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
            // a plugin folder holding graphintel's jar serves them, as on any server
            if (args.length <= 4 || !Files.exists(Path.of(args[4]).resolve(PLUGIN_JAR))) {
                registerProcedures(service);
            }
        } catch (RuntimeException | ProcedureException e) {
            System.out.println("graphintel-local-neo4j failed: " + e.getMessage());
            System.out.flush();
            service.shutdown();
            System.exit(1);
        }
        System.out.println("graphintel-local-neo4j ready on bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }
}
