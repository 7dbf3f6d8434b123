package dev.ashmem.model;

/** The pin scenarios against the model. */
class ModelPinTest extends PinScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new AshmemModel(pageSize);
    }
}
