package io.lotse.simulator.model;

/**
 * One of a person's devices; each has its own identifiers.
 *
 * @param deviceId    sent as {@code context.device.id}
 * @param anonymousId the tracking library's anonymous id on this device
 * @param type        {@code desktop}, {@code mobile} or {@code tablet}
 * @param platform    {@code web}, {@code ios} or {@code android} (the latter two: the shop's app)
 * @param os          operating system name
 * @param userAgent   browser user agent (web) or app user agent
 */
public record Device(String deviceId, String anonymousId, String type, String platform, String os,
        String userAgent) {
}
