/**
 * The records the simulated shop is made of: catalogue, customers, orders, marketing, service messages and truth.
 */
@NullMarked
package io.lotse.simulator.model;

import org.jspecify.annotations.NullMarked;
