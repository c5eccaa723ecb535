/**
 * Where a simulated shop goes: a directory of files with its ground truth, or a live Segment endpoint.
 */
@NullMarked
package io.lotse.simulator.sink;

import org.jspecify.annotations.NullMarked;
