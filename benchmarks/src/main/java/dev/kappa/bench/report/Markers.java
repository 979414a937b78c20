package dev.kappa.bench.report;

/** Replaces what lies between two marker lines of a document, keeping the markers. */
public final class Markers {

	public static final String START = "<!-- results:start -->";

	public static final String END = "<!-- results:end -->";

	private Markers() {
	}

	/**
	 * @return {@code document} with the text between {@link #START} and {@link #END} replaced by {@code content}
	 * @throws IllegalArgumentException if a marker is missing, repeated, or the end comes first
	 */
	public static String replace(String document, String content) {
		int start = document.indexOf(START);
		int end = document.indexOf(END);
		if (start < 0 || end < 0) {
			throw new IllegalArgumentException("The document needs the lines " + START + " and " + END);
		}
		if (document.indexOf(START, start + 1) >= 0 || document.indexOf(END, end + 1) >= 0) {
			throw new IllegalArgumentException("The markers " + START + " / " + END + " must appear once each");
		}
		if (end < start) {
			throw new IllegalArgumentException(END + " comes before " + START);
		}
		String body = content.endsWith("\n") ? content : content + "\n";
		return document.substring(0, start + START.length()) + "\n" + body + document.substring(end);
	}
}
