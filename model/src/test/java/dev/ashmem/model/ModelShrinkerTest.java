package dev.ashmem.model;

/** The shrinker scenarios against the model. */
class ModelShrinkerTest extends ShrinkerScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new AshmemModel(pageSize);
    }
}
