package dev.certgate.schema;

import dev.certgate.logging.CertgateLog;
import dev.certgate.persistence.SchemaMigrations;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;

/**
 * Brings the database schema up to date before anything else of certgate starts (the beans that read the database
 * at start name it in {@code @DependsOn}).
 */
@Singleton
@Startup
@PermitAll // internal: no remote view; the calling service checked the roles
public class SchemaMigrator {

    @Resource(lookup = "java:jboss/datasources/CertgateDS")
    private DataSource dataSource;

    /** Outside a JTA transaction: the migrations commit their own work. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        CertgateLog.schemaMigrated(SchemaMigrations.migrate(dataSource));
    }
}
