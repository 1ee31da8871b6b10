package dev.certgate.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * Brings a database to the schema this build expects, with the SQL scripts in {@code db/migration}. The same scripts
 * run on MariaDB and on H2. Safe to call on every start and from several nodes at once (Flyway locks its history
 * table).
 */
public final class SchemaMigrations {

    /** Where the scripts live on the class path. */
    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    /**
     * Applies every pending migration.
     *
     * @param dataSource the certgate database; the caller keeps ownership
     * @return the number of migrations applied now (0 when the schema was current)
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table("schema_history")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
