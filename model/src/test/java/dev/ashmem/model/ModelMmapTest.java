package dev.ashmem.model;

/** The mmap scenarios against the model. */
class ModelMmapTest extends MmapScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new AshmemModel(pageSize);
    }
}
