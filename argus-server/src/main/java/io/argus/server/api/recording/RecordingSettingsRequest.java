package io.argus.server.api.recording;

/**
 * {@code PUT /api/v1/cameras/{id}/recording}: any field left out keeps its value.
 *
 * @param mode {@code continuous}, {@code events} or {@code off}
 */
public record RecordingSettingsRequest(String mode, Double preBufferSeconds, Double postBufferSeconds,
                                       Integer retentionDays) {
}
