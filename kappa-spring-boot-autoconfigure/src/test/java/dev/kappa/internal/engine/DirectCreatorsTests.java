package dev.kappa.internal.engine;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogEntry;
import dev.kappa.core.LogKey;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entries are read with {@link DirectCreators}: constructors that take a value's properties are called directly,
 * not through a spreading method handle per call, with the application's mapper otherwise as it is.
 */
class DirectCreatorsTests {

	private static final LogKey LOG = LogKey.parse("11".repeat(32));

	/** Where the last {@link Traced} was constructed from. */
	private static volatile List<String> constructedFrom = List.of();

	record Traced(String key, int count) {
		Traced {
			constructedFrom = Arrays.stream(new Throwable().getStackTrace())
				.map(f -> f.getClassName() + "." + f.getMethodName())
				.toList();
		}
	}

	record Checked(String key) {
		Checked {
			if (key.isEmpty()) {
				throw new IllegalArgumentException("key must not be empty");
			}
		}
	}

	static final class Factory {

		final String key;

		private Factory(String key) {
			this.key = key;
		}

		@JsonCreator
		static Factory of(@JsonProperty("key") String key) {
			return new Factory(key);
		}
	}

	record Snake(String ownerName) {
	}

	private final EntryCodec codec = new EntryCodec(JsonMapper.builder().build(), Clock.systemUTC());

	private <T> LogEntry<T> decode(EntryCodec codec, String json, Class<T> type) {
		byte[] entry = Envelope.encode(Envelope.typeBytes("t"), Instant.EPOCH, json.getBytes(StandardCharsets.UTF_8));
		return codec.decode(LOG, 7, entry, 0, entry.length, type);
	}

	@Test
	void aRecordIsConstructedDirectlyNotThroughInvokeWithArguments() {
		Traced value = decode(this.codec, "{\"key\":\"a\",\"count\":3}", Traced.class).value();
		List<String> from = constructedFrom;

		assertThat(value).isEqualTo(new Traced("a", 3));
		assertThat(from).contains(DirectCreators.class.getName() + "$Direct.createFromObjectWith")
			.noneMatch(frame -> frame.endsWith("invokeWithArguments"));
	}

	@Test
	void theReaderTheBatchDecoderTakesConstructsDirectlyToo() throws Exception {
		this.codec.reader(Traced.class).readValue("{\"key\":\"b\",\"count\":1}");

		assertThat(constructedFrom).contains(DirectCreators.class.getName() + "$Direct.createFromObjectWith");
	}

	@Test
	void aConstructorThatThrowsIsReportedWithTheEntryAndItsCause() {
		assertThatThrownBy(() -> decode(this.codec, "{\"key\":\"\"}", Checked.class)).isInstanceOf(KappaException.class)
			.hasMessageContaining("Entry 7 of log " + LOG)
			.hasMessageContaining(Checked.class.getName())
			.hasMessageContaining("key must not be empty")
			.hasRootCauseInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aStaticFactoryCreatorStillWorks() {
		assertThat(decode(this.codec, "{\"key\":\"f\"}", Factory.class).value().key).isEqualTo("f");
	}

	@Test
	void theApplicationsMapperKeepsItsSettingsAndIsNotChanged() throws Exception {
		JsonMapper application = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		EntryCodec snakeCodec = new EntryCodec(application, Clock.systemUTC());

		assertThat(decode(snakeCodec, "{\"owner_name\":\"o1\"}", Snake.class).value()).isEqualTo(new Snake("o1"));
		assertThat(snakeCodec.json()).isSameAs(application);
		assertThat(application.registeredModules()).noneMatch(m -> m instanceof DirectCreators);
		application.readValue("{\"key\":\"c\",\"count\":2}", Traced.class);
		assertThat(constructedFrom).noneMatch(frame -> frame.startsWith(DirectCreators.class.getName() + "$"));
	}
}
