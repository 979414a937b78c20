package dev.kappa.internal.schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.kappa.view.Indexed;
import dev.kappa.view.ViewRepository;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/** Row classes of the tests, with the Spring Data JDBC repositories that read them. */
final class TestRows {

	private TestRows() {
	}

	/** Every row class with a repository, for the JSON converters of the test context. */
	static final List<Class<?>> ALL = List.of(KvRow.class, OrderLine.class, BoxedRow.class, PrimitiveRow.class,
			JsonRow.class, Account.class);

	public enum Color {

		RED, GREEN, BLUE
	}

	@Table("kv")
	public record KvRow(@Id String key, String value) {
	}

	public interface KvRepository extends ViewRepository<KvRow, String> {

		List<KvRow> findByValue(String value);
	}

	/** No {@code @Table}, camelCase properties, a {@code @Column} rename and indexes. */
	public record OrderLine(@Id long lineId, String productName, @Column("qty") int quantity,
			@Indexed String customerId, @Indexed(unique = true) UUID externalRef) {
	}

	public interface OrderLineRepository extends ViewRepository<OrderLine, Long> {

		List<OrderLine> findByProductName(String productName);

		List<OrderLine> findByQuantity(int quantity);

		List<OrderLine> findByCustomerId(String customerId);
	}

	/** Every supported value type, nullable. */
	@Table("boxed")
	public record BoxedRow(@Id String id, String text, Integer integer, Long bigint, Short smallint, Boolean flag,
			Double dbl, Float flt, BigDecimal decimal, Instant instant, LocalDate date, LocalDateTime dateTime,
			UUID uuid, byte[] bytes, Color color) {
	}

	public interface BoxedRepository extends ViewRepository<BoxedRow, String> {

		List<BoxedRow> findByColor(Color color);

		List<BoxedRow> findByUuid(UUID uuid);
	}

	@Table("primitives")
	public record PrimitiveRow(@Id int id, long bigint, short smallint, boolean flag, double dbl, float flt) {
	}

	public interface PrimitiveRepository extends ViewRepository<PrimitiveRow, Integer> {
	}

	public record Address(String street, String city, List<String> notes) {
	}

	/** Values stored as JSON text. */
	@Table("json_rows")
	public record JsonRow(@Id UUID id, Address address, List<String> tags, Set<Color> colors,
			Map<String, Integer> counts, List<Address> history, Map<String, List<Address>> byKind,
			List<List<Instant>> matrix) {
	}

	public interface JsonRepository extends ViewRepository<JsonRow, UUID> {

		List<JsonRow> findByAddress(Address address);
	}

	/** A mutable class rather than a record: a no-argument constructor and setters. */
	@Table("accounts")
	public static class Account {

		@Id
		private Long id;

		private String owner;

		private long balance;

		public Account() {
		}

		public Account(Long id, String owner, long balance) {
			this.id = id;
			this.owner = owner;
			this.balance = balance;
		}

		public Long getId() {
			return this.id;
		}

		public String getOwner() {
			return this.owner;
		}

		public long getBalance() {
			return this.balance;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Account account && Objects.equals(this.id, account.id)
					&& Objects.equals(this.owner, account.owner) && this.balance == account.balance;
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.id, this.owner, this.balance);
		}

		@Override
		public String toString() {
			return "Account[" + this.id + ", " + this.owner + ", " + this.balance + "]";
		}
	}

	public interface AccountRepository extends ViewRepository<Account, Long> {

		List<Account> findByOwner(String owner);
	}
}
