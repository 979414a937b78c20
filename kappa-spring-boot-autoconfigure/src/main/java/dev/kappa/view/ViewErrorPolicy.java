package dev.kappa.view;

/**
 * What a view does when one of its handlers throws ({@code kappa.views.on-error}).
 */
public enum ViewErrorPolicy {

	/** Stop the failing view in state FAILED (other views go on); it retries the same entry after a restart or resume. */
	STOP,

	/** Record the entry in {@code kappa_view_errors} and go on with the next one. */
	SKIP
}
