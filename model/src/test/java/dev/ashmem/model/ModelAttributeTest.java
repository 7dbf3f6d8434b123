package dev.ashmem.model;

/** The attribute scenarios against the model. */
class ModelAttributeTest extends AttributeScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new AshmemModel(pageSize);
    }
}
