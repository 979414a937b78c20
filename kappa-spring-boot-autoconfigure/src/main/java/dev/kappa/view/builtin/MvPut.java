package dev.kappa.view.builtin;

import java.util.List;

import dev.kappa.core.KappaMessage;

/**
 * "{@code key} holds {@code value}, superseding the entries {@code links}", for {@link MultiValueRegisterView}
 * (kappa-view-kv's message). An entry's id is {@code <log key>@<seq>}.
 *
 * @param key the key
 * @param value the value
 * @param links ids of the entries this one supersedes (the heads the writer saw); empty for a first write
 */
@KappaMessage("mv.put")
public record MvPut(String key, String value, List<String> links) {

	public MvPut {
		links = links == null ? List.of() : List.copyOf(links);
	}
}
