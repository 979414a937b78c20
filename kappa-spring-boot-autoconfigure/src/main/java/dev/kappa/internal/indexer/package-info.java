/**
 * The indexer: feeds every entry of every log to every view exactly once, and keeps the view tables and their
 * metadata. Internal: the auto-configuration builds it ({@link dev.kappa.internal.indexer.ViewSchema} prepares the tables,
 * {@link dev.kappa.internal.indexer.ViewEngine} runs the views); an application writes against {@code dev.kappa.view}.
 * <p>
 * {@code ViewEngine} runs a {@code ViewRunner} per view (its thread, state, {@code ready()} waiters and requests),
 * which indexes in {@code IndexingBatch} transactions through {@code BufferedViewTables}; {@code ViewCatalog} owns
 * the metadata tables ({@code kappa_views}, checkpoints, dead letters).
 */
package dev.kappa.internal.indexer;
