package dev.dcf.agent.reconcile;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.runtime.ContainerRuntime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReconcileConfiguration {

	@Bean
	StartupReconciler startupReconciler(ContainerRuntime runtime, AgentIdentity identity) {
		return new StartupReconciler(runtime, identity.id());
	}

}
