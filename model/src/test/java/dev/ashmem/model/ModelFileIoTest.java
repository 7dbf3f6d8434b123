package dev.ashmem.model;

/** The read and llseek scenarios against the model. */
class ModelFileIoTest extends FileIoScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new AshmemModel(pageSize);
    }
}
