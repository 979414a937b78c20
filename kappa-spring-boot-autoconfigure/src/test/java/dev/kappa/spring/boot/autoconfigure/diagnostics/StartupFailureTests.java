package dev.kappa.spring.boot.autoconfigure.diagnostics;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.kappa.internal.log.CorruptLogException;
import dev.kappa.spring.boot.autoconfigure.imported.ImportedApplication;
import dev.kappa.view.KappaView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Start-up failures as a user sees them, through {@link SpringApplication} and the real {@code spring.factories}:
 * Spring Boot's "APPLICATION FAILED TO START" report with a description and an action, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	@TempDir
	Path storage;

	private void start(List<Class<?>> sources, Map<String, Object> defaults, String... args) {
		List<Class<?>> all = new ArrayList<>(List.of(ImportedApplication.class));
		all.addAll(sources);
		SpringApplication application = new SpringApplication(all.toArray(Class<?>[]::new));
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(defaults);
		List<String> arguments = new ArrayList<>(List.of("--kappa.storage-dir=" + this.storage,
				"--spring.main.banner-mode=off"));
		arguments.addAll(List.of(args));
		assertThatThrownBy(() -> {
			try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
				// started: the assertion below fails
			}
		}).isNotNull();
	}

	private static void assertReport(CapturedOutput output, String... contained) {
		if (Boolean.getBoolean("kappa.test.print-reports")) {
			System.err.println(output.getAll());
		}
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("Description:")
			.contains("Action:")
			.contains(contained)
			.doesNotContain("\tat ");
	}

	@Table("rows")
	record GoodRow(@Id String id) {
	}

	@KappaView(name = "good", tables = GoodRow.class)
	static class GoodView {

		@dev.kappa.view.OnEntry
		void on(GoodRow row, dev.kappa.view.ViewTables tables) {
			tables.upsert(row);
		}
	}

	@Test
	void aStorageDirHeldByAnotherDatabaseNamesTheDirTheHolderAndTheProperty(CapturedOutput output) {
		SpringApplication first = new SpringApplication(ImportedApplication.class, GoodView.class);
		first.setWebApplicationType(WebApplicationType.NONE);
		// the first instance holds the logs and the H2 view database under the storage dir
		try (ConfigurableApplicationContext holder = first.run("--kappa.storage-dir=" + this.storage)) {
			start(List.of(GoodView.class), Map.of());
		}
		assertReport(output, "kappa.storage-dir", this.storage.toAbsolutePath().toString(),
				"process " + ProcessHandle.current().pid(), "kappa-spring-boot-starter-test");
	}

	@Test
	void aReplicationPortInUseNamesThePortAndTheProperty(CapturedOutput output) throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			start(List.of(), Map.of(), "--kappa.replication.port=" + taken.getLocalPort(),
					"--kappa.replication.bind-address=127.0.0.1");
			assertReport(output, "kappa.replication.port", "127.0.0.1:" + taken.getLocalPort());
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class CorruptLogAtStart {

		@Bean
		Object openingACorruptLog() {
			throw new CorruptLogException("abc", Path.of("/data/logs/abc/log.dat"), 4242, "checksum mismatch");
		}
	}

	@Test
	void aCorruptLogNamesTheFileAndOffset(CapturedOutput output) {
		start(List.of(CorruptLogAtStart.class), Map.of());
		assertReport(output, "/data/logs/abc/log.dat", "offset 4242", "nothing in it was changed");
	}

	@Table("bad")
	record BadRow(@Id String id) {
	}

	@KappaView(name = "bad", tables = BadRow.class)
	static class ViewWithoutHandler {

		void on(BadRow row) {
		}
	}

	@Test
	void anInvalidViewNamesTheClass(CapturedOutput output) {
		start(List.of(ViewWithoutHandler.class), Map.of());
		assertReport(output, ViewWithoutHandler.class.getName(), "@KappaView");
	}

	@Test
	void aWrongEnumValueListsTheAllowedOnes(CapturedOutput output) {
		start(List.of(), Map.of(), "--kappa.log.fsync=sometimes");
		assertReport(output, "kappa.log.fsync", "sometimes");
		assertThat(output.getOut().toLowerCase()).contains("batch").contains("interval").contains("never");
	}

	@Test
	void aBadNetworkKeyIsNeverEchoedEvenWhenSetInSeveralPlaces(CapturedOutput output) {
		String bad = "c0ffee".repeat(10) + "zz";
		start(List.of(), Map.of("kappa.replication.network-key", bad + "00"), "--kappa.replication.network-key=" + bad,
				"--kappa.replication.port=0", "--kappa.replication.bind-address=127.0.0.1");
		assertReport(output, "kappa.replication.network-key", "64 hexadecimal characters");
		assertThat(output.getAll()).doesNotContain("c0ffee");
	}

	@Test
	void anOlderSpringBootFailsWithOneLineNamingBothVersions(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ImportedApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners(new SpringBootVersionCheck("3.5.0", "4.1.2"));
		assertThatThrownBy(() -> application.run("--kappa.storage-dir=" + this.storage))
			.isInstanceOf(SpringBootVersionCheck.IncompatibleSpringBootException.class);
		assertReport(output, "kappa-spring was built for Spring Boot 4.1.2 and needs 4.1.x or later; this application"
				+ " runs Spring Boot 3.5.0");
	}
}
