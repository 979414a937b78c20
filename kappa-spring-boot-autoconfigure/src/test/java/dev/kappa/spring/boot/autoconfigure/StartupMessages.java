package dev.kappa.spring.boot.autoconfigure;

/** What a failed start-up says: the messages of a failure and all its causes, one a line. */
public final class StartupMessages {

	private StartupMessages() {
	}

	public static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}
}
