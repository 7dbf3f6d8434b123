package dev.ashmem.model;

/** The boundary scenarios against the model. */
class ModelBoundaryTest extends BoundaryScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new AshmemModel(pageSize);
    }
}
