package io.lotse.server.profile;

import java.util.Set;

/**
 * A person was erased: their profile and the profiles merged into it are gone. Published inside the erasing
 * transaction; modules holding data about these profiles delete it.
 *
 * @param profileIds the erased profile and the profiles that had been merged into it
 */
public record ProfileErased(Set<Long> profileIds) {

    public ProfileErased {
        profileIds = Set.copyOf(profileIds);
    }
}
