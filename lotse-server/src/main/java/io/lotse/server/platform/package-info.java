/**
 * Shared infrastructure every capability relies on: configuration, the database, credentials, security, errors and
 * background loops.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
package io.lotse.server.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
