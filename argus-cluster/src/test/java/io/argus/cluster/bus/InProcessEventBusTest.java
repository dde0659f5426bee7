package io.argus.cluster.bus;

class InProcessEventBusTest extends EventBusContract {
    @Override
    EventBus newBus(int maxAttempts) {
        return new InProcessEventBus(maxAttempts);
    }
}
