package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import dev.kappa.core.KappaHypercore;
import dev.kappa.core.LogKey;
import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.hypercore.HypercoreNode;
import dev.kappa.internal.hypercore.HypercoreOptions;
import dev.kappa.internal.replication.KeyFiles;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of the hypercore peer ({@code kappa.hypercore.*}): a {@link KappaHypercore} over the
 * database's logs, with its own Ed25519 identity under the storage directory (read or created when the node first
 * serves, dials or is asked for its public key), started and stopped with the context. Off (no server, no peers, nothing exposed) unless configured. The values were checked as they were
 * bound ({@link KappaPropertiesValidator}).
 */
@AutoConfiguration(after = KappaAutoConfiguration.class)
@ConditionalOnBean(KappaEngine.class)
public final class KappaHypercoreAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(KappaHypercore.class)
	HypercoreNode kappaHypercore(KappaEngine engine, StorageDirectory storage, KappaProperties properties) {
		KappaProperties.Hypercore hypercore = properties.getHypercore();
		HypercoreOptions options = HypercoreOptions.defaults().withPort(hypercore.getPort())
			.withBindAddress(hypercore.getBindAddress())
			.withPeers(hypercore.getPeers())
			.withExpose(List.copyOf(hypercore.getExpose()))
			.withFollow(hypercore.getFollow().stream().map(key -> LogKey.parse(key.trim())).toList());
		Path storageDir = storage.path();
		return new HypercoreNode(engine.store(), () -> KeyFiles.hypercoreIdentity(storageDir), options);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HypercoreNode.class)
	KappaHypercoreLifecycle kappaHypercoreLifecycle(HypercoreNode node, ConfigurableEnvironment environment) {
		return new KappaHypercoreLifecycle(node, environment);
	}
}
