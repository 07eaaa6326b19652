package ims.iq.controller;

/**
 * Receives gateway events. Called on the controller's callback executor, one event at a time per
 * call; implementations must be safe for concurrent use if that executor has several threads.
 */
@FunctionalInterface
public interface IqControllerListener {
  void onEvent(GatewayEvent event);
}
