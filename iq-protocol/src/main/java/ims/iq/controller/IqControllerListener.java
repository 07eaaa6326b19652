package ims.iq.controller;

/**
 * Receives gateway events, on the controller's callback executor, one at a time and in the order they
 * happened. Must not block for long: later events wait.
 */
@FunctionalInterface
public interface IqControllerListener {
  void onEvent(GatewayEvent event);
}
