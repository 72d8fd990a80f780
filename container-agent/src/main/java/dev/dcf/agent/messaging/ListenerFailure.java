package dev.dcf.agent.messaging;

/**
 * The {@link Error} that stopped the instruction listener, from the listener to its
 * health check (a bean of its own: the check must not depend on the listener, which
 * depends on the health monitor through the instruction handler).
 */
class ListenerFailure {

	volatile Error error;

}
