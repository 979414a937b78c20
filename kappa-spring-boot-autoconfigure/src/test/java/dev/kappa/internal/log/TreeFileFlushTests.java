package dev.kappa.internal.log;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TreeFile} holds written nodes and writes them out sorted into runs, the last write of a slot winning. */
class TreeFileFlushTests {

	@TempDir
	Path dir;

	private static TreeNode node(long index, int fill) {
		byte[] hash = new byte[32];
		Arrays.fill(hash, (byte) fill);
		return new TreeNode(index, 100 + fill, hash);
	}

	@Test
	void nodesWrittenOutOfOrderLandInTheirSlots() throws Exception {
		try (TreeFile tree = TreeFile.open(LogFileIo.DEFAULT, this.dir.resolve("log.tree"), true, "t")) {
			tree.write(List.of(node(6, 6), node(0, 1), node(1, 2)));
			tree.write(List.of(node(2, 3), node(0, 9), node(4, 5), node(3, 4)));
			assertThat(tree.node(0).size()).as("held before the flush, the latest write").isEqualTo(109);
			tree.flush();
			tree.write(List.of(node(5, 7)));
			tree.force();
			int[] fills = { 9, 2, 3, 4, 5, 7, 6 };
			for (int i = 0; i < fills.length; i++) {
				byte[] slot = tree.readSlot(i);
				TreeNode read = TreeFile.decodeOrNull(i, slot, 0);
				assertThat(read).as("slot %d", i).isNotNull();
				assertThat(read.size()).as("slot %d", i).isEqualTo(100 + fills[i]);
				assertThat(read.hash()).as("slot %d", i).containsOnly((byte) fills[i]);
			}
		}
	}
}
