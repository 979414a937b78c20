package dev.kappa.spring.boot.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The temporary storage dir itself: made per context, deleted when the context closes. */
class KappaTestStorageTests {

	@Test
	void eachContextGetsItsOwnDirDeletedWhenTheContextCloses() throws Exception {
		GenericApplicationContext first = new GenericApplicationContext();
		GenericApplicationContext second = new GenericApplicationContext();
		Path a = KappaTestStorage.apply(first);
		Path b = KappaTestStorage.apply(second);
		assertThat(a).isNotEqualTo(b);
		first.refresh();
		second.refresh();
		assertThat(first.getEnvironment().getProperty("kappa.storage-dir")).isEqualTo(a.toString());
		Files.writeString(a.resolve("written-by-the-test"), "x");
		Files.createDirectories(a.resolve("logs/some-log"));
		first.close();
		assertThat(a).doesNotExist();
		assertThat(b).exists();
		second.close();
		assertThat(b).doesNotExist();
	}

	@Test
	void aStorageDirSetForTheTestIsLeftAlone() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
				Map.of("kappa.storage-dir", "/somewhere/chosen")));
		assertThat(KappaTestStorage.apply(context)).isNull();
		assertThat(context.getEnvironment().getProperty("kappa.storage-dir")).isEqualTo("/somewhere/chosen");
	}

	@Test
	void customizersAreEqualSoTheContextCacheIsUnaffected() {
		KappaTestStorage factory = new KappaTestStorage();
		assertThat(factory.createContextCustomizer(Object.class, java.util.List.of()))
			.isEqualTo(factory.createContextCustomizer(String.class, java.util.List.of()))
			.hasSameHashCodeAs(factory.createContextCustomizer(String.class, java.util.List.of()));
	}
}
