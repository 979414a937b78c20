package dev.kappa.internal.indexer;

import java.nio.charset.StandardCharsets;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import tools.jackson.databind.JsonNode;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Records every entry as its {@code byte[]} handler and its {@code JsonNode} handler see it, and the typed
 * entries ({@link Note}) apart: raw blocks (not kappa envelopes) must reach the first two and never the third.
 */
@KappaView(name = "raw-blocks", tables = { RawBlocksView.Block.class, RawBlocksView.NoteRow.class })
public class RawBlocksView {

	/** A typed entry. */
	public record Note(String text) {
	}

	/** One entry as the raw handlers saw it: its type name, its bytes as text, and the JsonNode's bytes as text. */
	@Table("raw_blocks")
	public record Block(@Id String id, String type, String bytes, String json, boolean timestamped) {
	}

	@Table("raw_notes")
	public record NoteRow(@Id String id, String text) {
	}

	// Each handler merges into the row the other may already have written.
	@OnEntry
	void bytes(LogEntry<byte[]> entry, ViewTables tables) {
		Block old = tables.find(Block.class, id(entry)).orElse(null);
		tables.upsert(new Block(id(entry), entry.type(), new String(entry.value(), StandardCharsets.UTF_8),
				old == null ? null : old.json(), entry.timestamp() != null));
	}

	@OnEntry
	void json(LogEntry<JsonNode> entry, ViewTables tables) {
		Block old = tables.find(Block.class, id(entry))
			.orElse(new Block(id(entry), entry.type(), null, null, entry.timestamp() != null));
		String json = entry.value().isBinary() ? new String(entry.value().binaryValue(), StandardCharsets.UTF_8)
				: entry.value().toString();
		tables.upsert(new Block(old.id(), old.type(), old.bytes(), json, old.timestamped()));
	}

	@OnEntry
	void note(LogEntry<Note> entry, ViewTables tables) {
		tables.upsert(new NoteRow(id(entry), entry.value().text()));
	}

	private static String id(LogEntry<?> entry) {
		return entry.log().toString().substring(0, 8) + "/" + entry.seq();
	}
}
