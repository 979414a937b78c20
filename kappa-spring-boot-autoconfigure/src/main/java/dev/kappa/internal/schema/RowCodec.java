package dev.kappa.internal.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mapping.InstanceCreatorMetadata;
import org.springframework.data.mapping.Parameter;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiator;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;
import org.springframework.data.mapping.model.ParameterValueProvider;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.util.ClassUtils;

/**
 * Writes and reads the rows of one view table with plain JDBC, for the indexer's transactions.
 * Every statement lists the columns in the order of {@link TableDefinition#columns()} (id first), so
 * {@link #bind} fills the parameters of {@link #upsertSql()} and {@link #insertSql()}, and {@link #read}
 * reads a row of {@link #selectByIdSql()}. Property access, instantiation and each column's conversion are
 * resolved once, when the codec is made; values are read and set through Spring Data's property accessors
 * and entity instantiator, so the mapping context's property-to-column mapping and choice of constructor
 * are honoured. Thread-safe. Internal: used by the indexer, not part of the API.
 *
 * @param <T> the row class
 */
public final class RowCodec<T> {

	private final TableDefinition table;

	private final Class<T> rowType;

	private final RelationalPersistentEntity<T> entity;

	private final RelationalPersistentProperty[] properties;

	private final ValueCodec[] codecs;

	private final int[] nullTypes;

	private final Class<?> idType;

	private final EntityInstantiators instantiators = new EntityInstantiators();

	private final EntityInstantiator instantiator;

	/** For each creator parameter name, the index of its column, or -1 for a {@code @Transient} one. */
	private final Map<String, Integer> parameterColumns = new HashMap<>();

	/** The columns whose properties are set after instantiation, not passed to the constructor. */
	private final int[] settableColumns;

	private final String upsertSql;

	private final String insertSql;

	private final String selectByIdSql;

	private final String deleteByIdSql;

	private final String anyRowSql;

	@SuppressWarnings("unchecked")
	private RowCodec(TableDefinition table, JsonMapper jsonMapper) {
		this.table = table;
		this.rowType = (Class<T>) table.rowType();
		this.entity = (RelationalPersistentEntity<T>) table.entity();
		List<ColumnDefinition> columns = table.columns();
		int count = columns.size();
		this.properties = new RelationalPersistentProperty[count];
		this.codecs = new ValueCodec[count];
		this.nullTypes = new int[count];
		for (int i = 0; i < count; i++) {
			ColumnDefinition column = columns.get(i);
			this.properties[i] = column.property();
			this.codecs[i] = codec(column, table.sqlName() + "." + column.sqlName(), jsonMapper);
			this.nullTypes[i] = column.type().jdbcType();
		}
		this.idType = ClassUtils.resolvePrimitiveIfNecessary(table.idColumn().property().getType());
		this.instantiator = this.instantiators.getInstantiatorFor(this.entity);
		InstanceCreatorMetadata<RelationalPersistentProperty> creator = this.entity.getInstanceCreatorMetadata();
		if (creator != null) {
			for (Parameter<Object, RelationalPersistentProperty> parameter : creator.getParameters()) {
				this.parameterColumns.put(parameter.getName(), columnOf(parameter));
			}
		}
		this.settableColumns = IntStream.range(0, count)
			.filter(i -> !this.parameterColumns.containsValue(i))
			.toArray();
		List<String> names = columns.stream().map(ColumnDefinition::sqlName).toList();
		String columnList = String.join(", ", names);
		String id = table.idColumn().sqlName();
		this.upsertSql = table.database().upsert(table.sqlName(), names, id);
		this.insertSql = "INSERT INTO " + table.sqlName() + " (" + columnList + ") VALUES ("
				+ Database.placeholders(count) + ")";
		this.selectByIdSql = "SELECT " + columnList + " FROM " + table.sqlName() + " WHERE " + id + " = ?";
		this.deleteByIdSql = "DELETE FROM " + table.sqlName() + " WHERE " + id + " = ?";
		this.anyRowSql = "SELECT " + id + " FROM " + table.sqlName() + " FETCH FIRST 1 ROWS ONLY";
	}

	/**
	 * The codec for {@code table}'s rows.
	 *
	 * @param jsonMapper writes and reads the JSON columns (normally the application's)
	 */
	public static RowCodec<?> of(TableDefinition table, JsonMapper jsonMapper) {
		return new RowCodec<>(table, jsonMapper);
	}

	/** The codec for {@code table}'s rows, typed; fails if {@code rowType} is not the table's row class. */
	public static <T> RowCodec<T> of(TableDefinition table, Class<T> rowType, JsonMapper jsonMapper) {
		if (table.rowType() != rowType) {
			throw new IllegalArgumentException("Table " + table.sqlName() + " holds " + table.rowType().getName()
					+ ", not " + rowType.getName());
		}
		return new RowCodec<>(table, jsonMapper);
	}

	private static ValueCodec codec(ColumnDefinition column, String name, JsonMapper jsonMapper) {
		return switch (column.type()) {
			case ENUM -> new EnumCodec(column.property().getType(), name);
			case JSON -> new JsonCodec(jsonMapper, column.property().getTypeInformation(), name);
			default -> column.type();
		};
	}

	private int columnOf(Parameter<Object, RelationalPersistentProperty> parameter) {
		String name = parameter.getName();
		if (name == null) {
			throw new SchemaValidationException("Row class " + this.rowType.getName() + ": the names of its "
					+ "constructor's parameters are unknown; compile with -parameters or use a record");
		}
		for (int i = 0; i < this.properties.length; i++) {
			if (this.properties[i].getName().equals(name)) {
				return i;
			}
		}
		if (parameter.isTransient()) {
			return -1;
		}
		throw new SchemaValidationException("Row class " + this.rowType.getName() + ": constructor parameter '"
				+ name + "' matches no persistent property");
	}

	public TableDefinition table() {
		return this.table;
	}

	public Class<T> rowType() {
		return this.rowType;
	}

	/** Inserts a row or replaces the row with the same id; bind with {@link #bind}. */
	public String upsertSql() {
		return this.upsertSql;
	}

	/** Inserts a row, failing on a duplicate id; bind with {@link #bind}. */
	public String insertSql() {
		return this.insertSql;
	}

	/** Selects the row with an id (parameter 1, bound with {@link #bindId}); read it with {@link #read}. */
	public String selectByIdSql() {
		return this.selectByIdSql;
	}

	/** Deletes the row with an id (parameter 1, bound with {@link #bindId}). */
	public String deleteByIdSql() {
		return this.deleteByIdSql;
	}

	/** Selects one row's id, if the table has any row: whether it is empty. */
	public String anyRowSql() {
		return this.anyRowSql;
	}

	/**
	 * Binds the columns of {@code row} to parameters 1 to n of {@code statement}, in column order.
	 *
	 * @throws IllegalArgumentException if {@code row} is not of this table's row class
	 */
	public void bind(PreparedStatement statement, Object row) throws SQLException {
		PersistentPropertyAccessor<T> accessor = this.entity.getPropertyAccessor(cast(row));
		for (int i = 0; i < this.properties.length; i++) {
			Object value = accessor.getProperty(this.properties[i]);
			if (value == null) {
				statement.setNull(i + 1, this.nullTypes[i]);
			}
			else {
				this.codecs[i].bind(statement, i + 1, value);
			}
		}
	}

	/**
	 * Binds an id to parameter {@code index} of {@code statement}.
	 *
	 * @throws IllegalArgumentException if {@code id} is null or not of the {@code @Id} property's type
	 */
	public void bindId(PreparedStatement statement, int index, Object id) throws SQLException {
		if (!this.idType.isInstance(id)) {
			throw new IllegalArgumentException("Ids of " + this.rowType.getName() + " are " + this.idType.getName()
					+ ", not " + (id == null ? "null" : id.getClass().getName() + " (" + id + ")"));
		}
		this.codecs[0].bind(statement, index, id);
	}

	/** The id of {@code row}. */
	public Object id(Object row) {
		return this.entity.getPropertyAccessor(cast(row)).getProperty(this.properties[0]);
	}

	/** The row at the result set's current position, whose columns 1 to n are this table's in column order. */
	public T read(ResultSet resultSet) throws SQLException {
		Object[] values = new Object[this.codecs.length];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.codecs[i].read(resultSet, i + 1);
		}
		T row = this.instantiator.createInstance(this.entity, new ParameterValueProvider<RelationalPersistentProperty>() {
			@Override
			@SuppressWarnings("unchecked")
			public <V> V getParameterValue(Parameter<V, RelationalPersistentProperty> parameter) {
				int column = RowCodec.this.parameterColumns.get(parameter.getName());
				return (V) (column < 0 ? ParameterValueProvider.getDefaultValue(parameter.getRawType()) : values[column]);
			}
		});
		if (this.settableColumns.length == 0) {
			return row;
		}
		PersistentPropertyAccessor<T> accessor = new InstantiationAwarePropertyAccessor<>(row,
				this.entity::getPropertyAccessor, this.instantiators);
		for (int i : this.settableColumns) {
			accessor.setProperty(this.properties[i], values[i]);
		}
		return accessor.getBean();
	}

	private T cast(Object row) {
		if (!this.rowType.isInstance(row)) {
			throw new IllegalArgumentException("Table " + this.table.sqlName() + " holds " + this.rowType.getName()
					+ " rows, not " + (row == null ? "null" : row.getClass().getName()));
		}
		return this.rowType.cast(row);
	}
}
