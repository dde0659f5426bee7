package io.argus.server.api.onvif;

import io.argus.server.api.ApiException;
import io.argus.server.api.ErrorCode;
import io.argus.server.onvif.OnvifServiceException;
import java.util.function.Supplier;

/** The ONVIF service's refusals as API errors (every message already says what the device did). */
final class OnvifErrors {
    private OnvifErrors() {
    }

    static <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (OnvifServiceException e) {
            throw new ApiException(switch (e.reason()) {
                case INVALID -> ErrorCode.VALIDATION_FAILED;
                case NOT_FOUND -> ErrorCode.NOT_FOUND;
                case CONFLICT -> ErrorCode.CONFLICT;
                case DEVICE_UNAUTHORIZED -> ErrorCode.DEVICE_UNAUTHORIZED;
                case DEVICE_TIMEOUT -> ErrorCode.DEVICE_TIMEOUT;
                case DEVICE_ERROR -> ErrorCode.DEVICE_ERROR;
            }, e.getMessage());
        }
    }

    static void run(Runnable op) {
        call(() -> {
            op.run();
            return null;
        });
    }
}
