package io.lotse.server.predict;

import org.jspecify.annotations.Nullable;

/** Another training run holds the training lock; runs never overlap. */
final class TrainingInProgressException extends RuntimeException {

    private final @Nullable Long runningId;

    TrainingInProgressException(@Nullable Long runningId) {
        super(runningId == null ? "A training run is in progress." : "Training run " + runningId
                + " is in progress; a new run can start when it has finished.", null, false, false);
        this.runningId = runningId;
    }

    /** The run in progress, when it is recorded (it may belong to another Lotse process that just started it). */
    @Nullable Long runningId() {
        return runningId;
    }
}
