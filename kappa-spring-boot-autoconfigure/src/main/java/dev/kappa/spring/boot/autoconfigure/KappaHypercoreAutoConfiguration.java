package dev.kappa.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.KappaHypercore;
import dev.kappa.core.LogKey;
import dev.kappa.engine.KappaDatabase;
import dev.kappa.hypercore.HypercoreNode;
import dev.kappa.hypercore.HypercoreOptions;
import dev.kappa.replication.KeyFiles;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of the hypercore peer ({@code kappa.hypercore.*}): a {@link KappaHypercore} over the
 * database's logs, with its own Ed25519 identity under the storage directory, started and stopped with the
 * context. Off (no server, no peers, nothing exposed) unless configured.
 */
@AutoConfiguration(after = KappaAutoConfiguration.class)
@ConditionalOnBean(KappaDatabase.class)
public final class KappaHypercoreAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(KappaHypercore.class)
	HypercoreNode kappaHypercore(KappaDatabase database, KappaProperties properties) {
		KappaProperties.Hypercore hypercore = properties.getHypercore();
		HypercoreOptions options;
		try {
			options = HypercoreOptions.defaults().withPort(hypercore.getPort());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("kappa.hypercore.port", hypercore.getPort(), ex.getMessage());
		}
		for (String name : hypercore.getExpose()) {
			if (name == null || name.isBlank()) {
				throw new InvalidConfigurationPropertyValueException("kappa.hypercore.expose", name, "a log name is empty");
			}
		}
		try {
			options = options.withPeers(hypercore.getPeers());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("kappa.hypercore.peers", hypercore.getPeers(), ex.getMessage());
		}
		options = options.withBindAddress(hypercore.getBindAddress()).withExpose(List.copyOf(hypercore.getExpose()));
		List<LogKey> follow = new ArrayList<>();
		for (String key : hypercore.getFollow()) {
			try {
				follow.add(LogKey.parse(key.trim()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("kappa.hypercore.follow", key, ex.getMessage());
			}
		}
		HypercoreNode node = new HypercoreNode(database.engine().store(),
				KeyFiles.hypercoreIdentity(StorageDirectory.usable(properties.getStorageDir())), options);
		try {
			follow.forEach(node::follow);
		}
		catch (IllegalArgumentException ex) {
			node.close();
			throw new InvalidConfigurationPropertyValueException("kappa.hypercore.follow", hypercore.getFollow(), ex.getMessage());
		}
		return node;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HypercoreNode.class)
	KappaHypercoreLifecycle kappaHypercoreLifecycle(HypercoreNode node, ConfigurableEnvironment environment) {
		return new KappaHypercoreLifecycle(node, environment);
	}
}
