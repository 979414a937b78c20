package dev.kappa.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared server runs, is PostgreSQL 17, and hands out databases that are fresh and separate. */
class TestPostgresTests {

	@Test
	void eachCallerGetsAFreshDatabaseOnARealServer() throws Exception {
		String first = TestPostgres.newDatabase();
		String second = TestPostgres.newDatabase();
		assertThat(first).isNotEqualTo(second).startsWith("jdbc:postgresql://");
		try (Connection connection = DriverManager.getConnection(first); Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getInt(1)).isBetween(170000, 179999);
			}
			statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
		}
		try (Connection connection = DriverManager.getConnection(second); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getInt(1)).isZero();
		}
	}
}
